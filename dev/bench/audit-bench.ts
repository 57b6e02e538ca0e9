import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { BENCH_EMAIL, BENCH_PASSWORD } from './audit-bench-target';
import { benchScript, sourceArgs, startTarget } from './bench-process';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const TOKEN_QUERY = `mutation { generateCustomerToken(email: "${BENCH_EMAIL}", password: "${BENCH_PASSWORD}") { token } }`;
const CUSTOMER_QUERY = '{ customer { firstname lastname email addresses { city street } } }';

type Kind = 'bare' | 'on' | 'off';
interface Figures {
  reqPerSec: number;
  p50: number;
  p99: number;
  lockdown?: string;
}

async function startAuditTarget(kind: Kind): Promise<{ child: ChildProcess; port: number; lockdown?: string }> {
  const target = await startTarget(benchScript(__filename, 'audit-bench-target'), [kind], { nodeArgs: sourceArgs(__filename) });
  return { ...target, lockdown: /LOCKDOWN (.*)/.exec(target.output)?.[1] };
}

async function post(port: number, query: string, token?: string): Promise<{ data?: Record<string, any> }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query }) });
  return res.json() as never;
}

async function load(kind: Kind): Promise<Figures> {
  const { child, port, lockdown } = await startAuditTarget(kind);
  try {
    const token = kind === 'bare' ? 'none' : ((await post(port, TOKEN_QUERY)).data?.generateCustomerToken?.token as string);
    const me = await post(port, CUSTOMER_QUERY, token);
    if (me.data?.customer?.email !== BENCH_EMAIL) throw new Error(`${kind}: unexpected answer ${JSON.stringify(me)}`);
    const options = { url: `http://127.0.0.1:${port}/graphql`, method: 'POST' as const, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: CUSTOMER_QUERY }), connections: CONNECTIONS };
    await autocannon({ ...options, duration: 2 });
    const result = await autocannon({ ...options, duration: DURATION });
    if (result.non2xx || result.errors) throw new Error(`${kind}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return { reqPerSec: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, lockdown };
  } finally {
    child.kill('SIGTERM');
  }
}

async function main(): Promise<void> {
  process.stdout.write(`Authenticated customer query, ${CONNECTIONS} connections, ${DURATION} s each, one process each (node ${process.version})\n`);
  const bare = await load('bare');
  const off = await load('off');
  const on = await load('on');
  const row = (name: string, r: Figures) => `${name.padEnd(34)} ${r.reqPerSec.toFixed(0).padStart(7)} req/s  ${(1e6 / r.reqPerSec).toFixed(0).padStart(6)} us/req  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms`;
  process.stdout.write(`${row('bare express JSON', bare)}\n${row('Comptoir customer, PII audit off', off)}\n${row('Comptoir customer, PII audit on', on)}\n`);
  process.stdout.write(`ratios to bare: off ${(off.reqPerSec / bare.reqPerSec).toFixed(3)}, on ${(on.reqPerSec / bare.reqPerSec).toFixed(3)}; on/off ${(on.reqPerSec / off.reqPerSec).toFixed(3)}\n`);
  // Throughput-derived: the extra server time per request spent writing the hash-chained entry (one insert + head update).
  process.stdout.write(`audit cost per request: ${(1e6 / on.reqPerSec - 1e6 / off.reqPerSec).toFixed(0)} us (at ${CONNECTIONS} connections, one process)\n`);
  process.stdout.write(`lockdown check (in process): ${on.lockdown ?? 'n/a'} (the read happens at most once a second per process)\n`);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
