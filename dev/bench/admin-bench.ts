import path from 'node:path';
import autocannon from 'autocannon';
import { base32Decode } from '../../modules/two-factor-auth/totp/base32';
import { hotp, totpStep } from '../../modules/two-factor-auth/totp/otp';
import { BENCH_ADMIN } from './admin-bench-target';
import { startTarget, type RunningTarget } from './bench-process';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const PATH = '/rest/V1/store/websites';

function startAdminTarget(kind: 'comptoir' | 'bare'): Promise<RunningTarget> {
  return startTarget(path.join(__dirname, 'admin-bench-target.js'), [kind]);
}

/** Signs in the way an admin client does: password + TOTP code, through Magento's REST route. */
async function signIn(port: number): Promise<string> {
  const otp = hotp(base32Decode(BENCH_ADMIN.secret)!, totpStep(Date.now() / 1000));
  const res = await fetch(`http://127.0.0.1:${port}/rest/V1/tfa/provider/google/authenticate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: BENCH_ADMIN.username, password: BENCH_ADMIN.password, otp }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as string;
}

async function load(kind: 'comptoir' | 'bare') {
  const { child, port } = await startAdminTarget(kind);
  try {
    const token = kind === 'comptoir' ? await signIn(port) : 'bare-token';
    const url = `http://127.0.0.1:${port}${PATH}`;
    const headers = { Authorization: `Bearer ${token}` };
    const check = await fetch(url, { headers });
    if (check.status !== 200) throw new Error(`${kind}: unexpected answer ${check.status} ${await check.text()}`);
    await autocannon({ url, headers, connections: CONNECTIONS, duration: 2 });
    const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION });
    if (result.non2xx || result.errors) throw new Error(`${kind}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return { reqPerSec: result.requests.average, p99: result.latency.p99, p50: result.latency.p50 };
  } finally {
    child.kill('SIGTERM');
  }
}

async function main(): Promise<void> {
  process.stdout.write(`admin REST call (admin JWT → admin_token row → ACL → handler), GET ${PATH}, ${CONNECTIONS} connections, ${DURATION} s each (node ${process.version})\n`);
  const bare = await load('bare');
  const comptoir = await load('comptoir');
  const row = (name: string, r: { reqPerSec: number; p50: number; p99: number }) =>
    `${name.padEnd(34)} ${r.reqPerSec.toFixed(0).padStart(8)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms`;
  process.stdout.write(row('bare express + bearer check', bare) + '\n');
  process.stdout.write(row('Comptoir admin gateway', comptoir) + '\n');
  process.stdout.write(`ratio Comptoir/bare: ${(comptoir.reqPerSec / bare.reqPerSec).toFixed(3)} (req/s), p99 ${comptoir.p99} ms vs ${bare.p99} ms\n`);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
