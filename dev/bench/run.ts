import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { startTarget } from './bench-process';
import { measurePluginOverhead } from './plugin-overhead';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const QUERY = '/graphql?query=' + encodeURIComponent('{ storeConfig { store_code store_name locale base_currency_code timezone } }');

function startRunTarget(kind: 'comptoir' | 'bare'): Promise<{ child: ChildProcess; port: number }> {
  return startTarget(path.join(__dirname, 'bench-target.js'), [kind]);
}

async function load(kind: 'comptoir' | 'bare') {
  const { child, port } = await startRunTarget(kind);
  try {
    const url = `http://127.0.0.1:${port}${QUERY}`;
    const check = await fetch(url).then((r) => r.json());
    if (!(check as { data?: { storeConfig?: unknown } }).data?.storeConfig) throw new Error(`${kind}: unexpected answer ${JSON.stringify(check)}`);
    await autocannon({ url, connections: CONNECTIONS, duration: 2 }); // warm-up
    const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION });
    if (result.non2xx || result.errors) throw new Error(`${kind}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return { reqPerSec: result.requests.average, p99: result.latency.p99, p50: result.latency.p50 };
  } finally {
    child.kill('SIGTERM');
  }
}

async function main(): Promise<void> {
  process.stdout.write(`storeConfig over HTTP GET, ${CONNECTIONS} connections, ${DURATION} s each, one process each (node ${process.version})\n`);
  const bare = await load('bare');
  const comptoir = await load('comptoir');
  const row = (name: string, r: { reqPerSec: number; p50: number; p99: number }) =>
    `${name.padEnd(28)} ${r.reqPerSec.toFixed(0).padStart(8)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms`;
  process.stdout.write(row('bare express JSON', bare) + '\n');
  process.stdout.write(row('Comptoir storeConfig', comptoir) + '\n');
  process.stdout.write(`ratio Comptoir/bare: ${(comptoir.reqPerSec / bare.reqPerSec).toFixed(3)} (req/s), p99 ${comptoir.p99} ms vs ${bare.p99} ms\n\n`);
  const plugins = measurePluginOverhead();
  process.stdout.write(
    `service call, unwrapped: ${(plugins.plainOpsPerSec / 1e6).toFixed(1)} M calls/s; with before+around+after plugins: ${(plugins.wrappedOpsPerSec / 1e6).toFixed(1)} M calls/s ` +
      `(ratio ${plugins.ratio.toFixed(3)}, +${plugins.nsPerCallAdded.toFixed(1)} ns per call)\n`,
  );
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
