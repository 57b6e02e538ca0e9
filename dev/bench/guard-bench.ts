import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { measureGuardMiddleware } from './guard-middleware-cost';
import type { GuardTargetKind } from './guard-target';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
/** Rounds of with/without, interleaved; the best of each is kept (the machine is shared: the best run is the least disturbed). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const QUERY = '/graphql?query=' + encodeURIComponent('{ storeConfig { store_code store_name locale base_currency_code timezone } }');

function startTarget(kind: GuardTargetKind): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [path.join(__dirname, 'guard-target.js'), kind], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /LISTENING (\d+)/.exec(out);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.once('exit', (code) => reject(new Error(`${kind} target exited with ${code}`)));
  });
}

interface LoadResult {
  reqPerSec: number;
  p50: number;
  p99: number;
}

async function load(kind: GuardTargetKind): Promise<LoadResult> {
  const { child, port } = await startTarget(kind);
  try {
    const url = `http://127.0.0.1:${port}${QUERY}`;
    const check = (await fetch(url).then((r) => r.json())) as { data?: { storeConfig?: unknown } };
    if (!check.data?.storeConfig) throw new Error(`${kind}: unexpected answer ${JSON.stringify(check)}`);
    await autocannon({ url, connections: CONNECTIONS, duration: 2 }); // warm-up
    const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION });
    if (result.non2xx || result.errors) throw new Error(`${kind}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return { reqPerSec: result.requests.average, p99: result.latency.p99, p50: result.latency.p50 };
  } finally {
    child.kill('SIGTERM');
  }
}

/**
 * `npm run bench:guard`: what Comptoir_WebSecurity (card-data guard + rate limiter) costs per request. storeConfig over HTTP
 * GET through the whole stack with the module enabled and disabled, beside bare express, in one run; then the middleware alone.
 */
async function main(): Promise<void> {
  process.stdout.write(`storeConfig over HTTP GET, ${CONNECTIONS} connections, ${DURATION} s each, one process each (node ${process.version})\n`);
  const bare = await load('bare');
  const runs: Record<'with-guard' | 'without-guard', LoadResult[]> = { 'with-guard': [], 'without-guard': [] };
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which goes first, so neither always gets the warmer (or the noisier) slot.
    const order = round % 2 ? (['with-guard', 'without-guard'] as const) : (['without-guard', 'with-guard'] as const);
    for (const kind of order) runs[kind].push(await load(kind));
  }
  const best = (list: LoadResult[]) => list.reduce((a, b) => (b.reqPerSec > a.reqPerSec ? b : a));
  const without = best(runs['without-guard']);
  const withGuard = best(runs['with-guard']);
  process.stdout.write(`(best of ${ROUNDS} interleaved rounds; all runs, req/s: without ${runs['without-guard'].map((r) => r.reqPerSec.toFixed(0)).join(', ')}; with ${runs['with-guard'].map((r) => r.reqPerSec.toFixed(0)).join(', ')})\n`);
  const row = (name: string, r: LoadResult) =>
    `${name.padEnd(40)} ${r.reqPerSec.toFixed(0).padStart(8)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms`;
  process.stdout.write(row('bare express JSON', bare) + '\n');
  process.stdout.write(row('Comptoir without Comptoir_WebSecurity', without) + '\n');
  process.stdout.write(row('Comptoir with Comptoir_WebSecurity', withGuard) + '\n');
  const usPerRequest = (r: LoadResult) => 1e6 / r.reqPerSec;
  process.stdout.write(
    `ratios: with/without ${(withGuard.reqPerSec / without.reqPerSec).toFixed(3)}, with/bare ${(withGuard.reqPerSec / bare.reqPerSec).toFixed(3)}, without/bare ${(without.reqPerSec / bare.reqPerSec).toFixed(3)}\n` +
      `per request (1/throughput): ${usPerRequest(without).toFixed(1)} µs without, ${usPerRequest(withGuard).toFixed(1)} µs with: +${(usPerRequest(withGuard) - usPerRequest(without)).toFixed(1)} µs for the guard and the limiter\n\n`,
  );
  process.stdout.write('the module\'s middleware alone (both guard stages + the rate limiter, called in-process):\n');
  for (const cost of await measureGuardMiddleware()) process.stdout.write(`  ${cost.name.padEnd(34)} ${(cost.nsPerRequest / 1000).toFixed(2)} µs per request\n`);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
