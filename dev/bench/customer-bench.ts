import type { ChildProcess } from 'node:child_process';
import os from 'node:os';
import autocannon from 'autocannon';
import { PasswordHasher } from '../../app/crypto/password-hasher';
import { benchScript, sourceArgs, startTarget } from './bench-process';
import { BENCH_EMAIL, BENCH_PASSWORD } from './customer-bench-target';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
// Sign-ins wait on scrypt in libuv's pool (4 threads): more connections than that only add queueing to the latency.
const SIGN_IN_CONNECTIONS = Number(process.env.BENCH_SIGNIN_CONNECTIONS ?? 4);
const TOKEN_QUERY = `mutation { generateCustomerToken(email: "${BENCH_EMAIL}", password: "${BENCH_PASSWORD}") { token } }`;
const CUSTOMER_QUERY = '{ customer { firstname lastname email addresses { city street } } }';

type Kind = 'comptoir' | 'bare';
interface Figures {
  reqPerSec: number;
  p50: number;
  p99: number;
}

function startCustomerTarget(kind: Kind): Promise<{ child: ChildProcess; port: number }> {
  // Run from dist/ (built .js) or straight from the sources (.ts, compiled on require by swc).
  return startTarget(benchScript(__filename, 'customer-bench-target'), [kind], { nodeArgs: sourceArgs(__filename) });
}

async function post(port: number, query: string, token?: string): Promise<{ data?: Record<string, any>; errors?: unknown }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return res.json() as never;
}

async function measure(port: number, query: string, token: string | undefined, connections: number): Promise<Figures> {
  const options = {
    url: `http://127.0.0.1:${port}/graphql`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
    connections,
  };
  await autocannon({ ...options, duration: 2 }); // warm-up
  const result = await autocannon({ ...options, duration: DURATION });
  if (result.non2xx || result.errors) throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
  return { reqPerSec: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

async function load(kind: Kind): Promise<{ token: Figures; customer: Figures }> {
  const { child, port } = await startCustomerTarget(kind);
  try {
    const signIn = await post(port, TOKEN_QUERY);
    const token = signIn.data?.generateCustomerToken?.token as string | undefined;
    if (!token) throw new Error(`${kind}: sign-in failed: ${JSON.stringify(signIn)}`);
    const me = await post(port, CUSTOMER_QUERY, token);
    if (me.data?.customer?.email !== BENCH_EMAIL) throw new Error(`${kind}: unexpected customer answer ${JSON.stringify(me)}`);
    const tokenFigures = await measure(port, TOKEN_QUERY, undefined, SIGN_IN_CONNECTIONS);
    // A token from before the load: every sign-in above was valid and revoked nothing.
    const customerFigures = await measure(port, CUSTOMER_QUERY, token, CONNECTIONS);
    return { token: tokenFigures, customer: customerFigures };
  } finally {
    child.kill('SIGTERM');
  }
}

async function hashCost(): Promise<{ N: number; msPerHash: number }> {
  const hasher = new PasswordHasher();
  const stored = await hasher.hash(BENCH_PASSWORD);
  const N = Number(stored.split('$')[1]);
  const runs = 10;
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) await hasher.verify(BENCH_PASSWORD, stored);
  return { N, msPerHash: Number(process.hrtime.bigint() - start) / 1e6 / runs };
}

async function main(): Promise<void> {
  process.stdout.write(
    `customer GraphQL over HTTP POST, ${SIGN_IN_CONNECTIONS} connections for sign-ins and ${CONNECTIONS} for queries, ${DURATION} s each, ` +
      `one server process each (node ${process.version}, ${os.cpus().length} CPUs)\n`,
  );
  const cost = await hashCost();
  process.stdout.write(`password hash: scrypt N=2^${Math.log2(cost.N)} r=8 p=1, ${cost.msPerHash.toFixed(1)} ms per hash (one verify per sign-in)\n`);
  const bare = await load('bare');
  const comptoir = await load('comptoir');
  const row = (name: string, r: Figures) =>
    `${name.padEnd(34)} ${r.reqPerSec.toFixed(0).padStart(8)} req/s   p50 ${String(r.p50).padStart(5)} ms   p99 ${String(r.p99).padStart(5)} ms`;
  process.stdout.write(row('bare express: token JSON', bare.token) + '\n');
  process.stdout.write(row('Comptoir generateCustomerToken', comptoir.token) + '\n');
  process.stdout.write(`ratio Comptoir/bare (sign-in): ${(comptoir.token.reqPerSec / bare.token.reqPerSec).toFixed(4)} (bounded by scrypt on the libuv pool)\n`);
  process.stdout.write(row('bare express: customer JSON', bare.customer) + '\n');
  process.stdout.write(row('Comptoir customer { … addresses }', comptoir.customer) + '\n');
  process.stdout.write(
    `ratio Comptoir/bare (customer query): ${(comptoir.customer.reqPerSec / bare.customer.reqPerSec).toFixed(3)}, p99 ${comptoir.customer.p99} ms vs ${bare.customer.p99} ms\n`,
  );
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
