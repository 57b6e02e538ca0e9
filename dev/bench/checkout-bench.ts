import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { cpuTimeDuring, startTarget } from './bench-process';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/**
 * Load before measuring, each target alike: a server runs for hours, and this one reaches its steady speed only after some
 * 30 s of checkouts (V8 optimizing the hot paths, caches filling): measured in 5 s windows from a cold start, 100-125
 * orders/s in the first 25 s, then 135-150.
 */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 30);
/**
 * Measured runs per target, bare and Comptoir alternating after their warm-ups; the median run of each is reported. On this
 * shared 2-core machine one 10 s run of the same build has given anything from 90 to 150 orders/s within half an hour: the
 * CPU a process gets moves in spells of seconds to minutes, and one window can fall in a slow or a fast one.
 */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const MYSQL_URL = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/comptoir_bench';

const ADDRESS = {
  firstname: 'Ana',
  lastname: 'Lima',
  street: ['100 Congress Ave'],
  city: 'Austin',
  region: 'TX',
  postcode: '78701',
  country_code: 'US',
  telephone: '+1 512 555 0100',
};
const PRICES = 'prices { subtotal_excluding_tax { value currency } grand_total { value currency } applied_taxes { amount { value } label } }';

/**
 * The guest checkout as a storefront (Luma, PWA Studio) runs it: 9 GraphQL POSTs from an empty cart to an order. Each step
 * asks for what a checkout page shows next. `{cart}` and `{sku}` are filled per connection.
 */
const STEPS: Array<{ name: string; query: string; variables: (ctx: Ctx) => Record<string, unknown> }> = [
  { name: 'createGuestCart', query: 'mutation createGuestCart { createGuestCart { cart { id } } }', variables: () => ({}) },
  {
    name: 'addProductsToCart',
    query: `mutation addProductsToCart($cart: String!, $sku: String!) { addProductsToCart(cartId: $cart, cartItems: [{ sku: $sku, quantity: 1 }]) {
      cart { total_quantity itemsV2 { items { uid quantity product { sku name } prices { row_total { value } } } } ${PRICES} } user_errors { code message } } }`,
    variables: (c) => ({ cart: c.cart, sku: c.sku }),
  },
  {
    name: 'setGuestEmailOnCart',
    query: 'mutation setGuestEmailOnCart($cart: String!) { setGuestEmailOnCart(input: { cart_id: $cart, email: "bench@example.com" }) { cart { email } } }',
    variables: (c) => ({ cart: c.cart }),
  },
  {
    name: 'setShippingAddressesOnCart',
    query: `mutation setShippingAddressesOnCart($cart: String!, $a: CartAddressInput!) { setShippingAddressesOnCart(input: { cart_id: $cart, shipping_addresses: [{ address: $a }] }) {
      cart { shipping_addresses { city postcode available_shipping_methods { carrier_code method_code carrier_title amount { value currency } } } } } }`,
    variables: (c) => ({ cart: c.cart, a: ADDRESS }),
  },
  {
    name: 'setBillingAddressOnCart',
    query: `mutation setBillingAddressOnCart($cart: String!) { setBillingAddressOnCart(input: { cart_id: $cart, billing_address: { same_as_shipping: true } }) {
      cart { billing_address { firstname lastname city postcode } } } }`,
    variables: (c) => ({ cart: c.cart }),
  },
  {
    name: 'setShippingMethodsOnCart',
    query: `mutation setShippingMethodsOnCart($cart: String!) { setShippingMethodsOnCart(input: { cart_id: $cart, shipping_methods: [{ carrier_code: "flatrate", method_code: "flatrate" }] }) {
      cart { shipping_addresses { selected_shipping_method { carrier_code method_code amount { value } } } ${PRICES} } } }`,
    variables: (c) => ({ cart: c.cart }),
  },
  {
    name: 'cart',
    query: `query cart($cart: String!) { cart(cart_id: $cart) { id email total_quantity is_virtual available_payment_methods { code title }
      itemsV2 { items { uid quantity product { sku name } } } ${PRICES} } }`,
    variables: (c) => ({ cart: c.cart }),
  },
  {
    name: 'setPaymentMethodOnCart',
    query: 'mutation setPaymentMethodOnCart($cart: String!) { setPaymentMethodOnCart(input: { cart_id: $cart, payment_method: { code: "checkmo" } }) { cart { selected_payment_method { code title } } } }',
    variables: (c) => ({ cart: c.cart }),
  },
  {
    name: 'placeOrder',
    query: 'mutation placeOrder($cart: String!) { placeOrder(input: { cart_id: $cart }) { orderV2 { number status total { grand_total { value currency } } } errors { code message } } }',
    variables: (c) => ({ cart: c.cart }),
  },
];

interface Ctx {
  cart?: string;
  sku?: string;
}

interface Target {
  child: ChildProcess;
  port: number;
  /** The Comptoir target's side door answering its pending queue work (see checkout-bench-target); none for bare express. */
  control?: number;
}

async function startCheckoutTarget(args: string[]): Promise<Target & { skus: string[] }> {
  const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' };
  // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the Comptoir target.
  const nodeArgs = args[0] === 'comptoir' && process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
  const target = await startTarget(path.join(__dirname, 'checkout-bench-target.js'), args, { env, nodeArgs });
  const control = /CONTROL (\d+)/.exec(target.output)?.[1];
  return { ...target, control: control ? Number(control) : undefined, skus: JSON.parse(/SKUS (.*)/.exec(target.output)?.[1] ?? '[]') as string[] };
}

async function post(port: number, step: (typeof STEPS)[number], ctx: Ctx): Promise<{ data?: Record<string, any>; errors?: unknown }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ operationName: step.name, query: step.query, variables: step.variables(ctx) }),
  });
  return res.json() as Promise<{ data?: Record<string, unknown>; errors?: unknown }>;
}

/** One checkout step by step, checking every answer: the recorded bodies feed the bare baseline. */
async function checkoutOnce(port: number, sku: string, times?: Map<string, number>): Promise<Record<string, unknown>> {
  const ctx: Ctx = { sku };
  const bodies: Record<string, unknown> = {};
  for (const step of STEPS) {
    const started = performance.now();
    const body = await post(port, step, ctx);
    times?.set(step.name, (times.get(step.name) ?? 0) + performance.now() - started);
    if (body.errors || !body.data) throw new Error(`${step.name}: ${JSON.stringify(body).slice(0, 500)}`);
    if (step.name === 'createGuestCart') ctx.cart = body.data.createGuestCart.cart.id;
    if (step.name === 'addProductsToCart' && body.data.addProductsToCart.user_errors.length) throw new Error(JSON.stringify(body));
    if (step.name === 'placeOrder' && !body.data.placeOrder.orderV2) throw new Error(JSON.stringify(body));
    bodies[step.name] = body;
  }
  return bodies;
}

interface Result {
  ordersPerSec: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  failed: number;
  /** The server's CPU time per completed order (ms), when /proc tells it; in-process consumers included, their drain too. */
  cpuPerOrder?: number;
  /** Queue work (outbox events, messages) the orders still waited for when the load stopped, and how long it then took. */
  backlog?: number;
  drainSeconds?: number;
  /** Orders over the run plus that drain: what the process sustains with its consumers keeping up. */
  sustainedOrdersPerSec?: number;
}

async function pendingQueueWork(control: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${control}/`);
  if (!res.ok) throw new Error(`queue backlog: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { pending: number }).pending;
}

/** Waits (polling every 20 ms, at most 2 minutes) until the target has no queue work left; answers the backlog found first. */
async function drain(control: number): Promise<number> {
  const backlog = await pendingQueueWork(control);
  const deadline = Date.now() + 120_000;
  for (let pending = backlog; pending > 0; pending = await pendingQueueWork(control)) {
    if (Date.now() > deadline) throw new Error(`the consumers still had ${pending} messages to handle after 2 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return backlog;
}

/**
 * Every connection loops over the 9 steps; a checkout counts once its placeOrder answered an order number. With the target's
 * control port, the run starts with the queue empty and, after the load, waits until the consumers have handled everything the
 * orders queued (their confirmation emails written): CPU per order covers that drain, and the sustained rate counts its time.
 */
async function measure(target: Target, skus: string[], duration: number): Promise<Result> {
  const { port, control } = target;
  if (control !== undefined) await drain(control);
  let orders = 0;
  let failed = 0;
  let next = 0;
  const requests = STEPS.map((step, index) => ({
    method: 'POST' as const,
    path: '/graphql',
    headers: { 'content-type': 'application/json' },
    setupRequest: (req: Record<string, unknown>, context: Ctx) => {
      if (index === 0) context.sku = skus[next++ % skus.length];
      return { ...req, body: JSON.stringify({ operationName: step.name, query: step.query, variables: step.variables(context) }) };
    },
    onResponse: (status: number, body: string, context: Ctx) => {
      if (index === 0) {
        try {
          context.cart = (JSON.parse(body) as { data: { createGuestCart: { cart: { id: string } } } }).data.createGuestCart.cart.id;
        } catch {
          failed++;
        }
      }
      if (index === STEPS.length - 1) {
        if (status === 200 && body.includes('"orderV2":{"number"')) orders++;
        else failed++;
      }
    },
  }));
  let backlog: number | undefined;
  let drainSeconds: number | undefined;
  let elapsed = duration;
  const { result, cpuMs } = await cpuTimeDuring(target.child.pid, async () => {
    const started = performance.now();
    const loaded = await autocannon({ url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, duration, requests, initialContext: {} } as unknown as autocannon.Options);
    // Rates over the time the load really took (autocannon lets the requests in flight finish), not the nominal duration.
    elapsed = (performance.now() - started) / 1000;
    if (control !== undefined) {
      const stopped = performance.now();
      backlog = await drain(control);
      drainSeconds = (performance.now() - stopped) / 1000;
    }
    return loaded;
  });
  if (result.non2xx || result.errors) throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors on port ${port}`);
  const cpuPerOrder = cpuMs !== undefined && orders ? cpuMs / orders : undefined;
  const sustainedOrdersPerSec = drainSeconds === undefined ? undefined : orders / (elapsed + drainSeconds);
  return { ordersPerSec: orders / elapsed, reqPerSec: result.requests.total / elapsed, p50: result.latency.p50, p99: result.latency.p99, failed, cpuPerOrder, backlog, drainSeconds, sustainedOrdersPerSec };
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The run with the median orders/s (of an even number, the lower of the two middle ones: a run that happened). */
function medianRun(runs: Result[]): Result {
  return [...runs].sort((x, y) => x.ordersPerSec - y.ordersPerSec)[Math.floor((runs.length - 1) / 2)];
}

async function run(label: string, dbUrl: string | undefined, baselineFile: string): Promise<void> {
  const comptoir = await startCheckoutTarget(dbUrl ? ['comptoir', dbUrl] : ['comptoir']);
  let bare: { child: ChildProcess; port: number } | undefined;
  try {
    const bodies = await checkoutOnce(comptoir.port, comptoir.skus[0]);
    fs.writeFileSync(baselineFile, JSON.stringify(bodies));
    bare = await startCheckoutTarget(['bare', baselineFile]);
    // Both warmed up, then measured in alternating runs. A server left idle for 50 s while the other was measured lost part of
    // its warm state (V8 drops code it has not run for a while: 145 against 163 orders/s back to back); a 10 s pause does not.
    await measure(bare, comptoir.skus, WARMUP);
    await measure(comptoir, comptoir.skus, WARMUP);
    const bareRuns: Result[] = [];
    const comptoirRuns: Result[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bareRuns.push(await measure(bare, comptoir.skus, DURATION));
      comptoirRuns.push(await measure(comptoir, comptoir.skus, DURATION));
    }
    const baseline = medianRun(bareRuns);
    const result = medianRun(comptoirRuns);
    const rounds = (runs: Result[]) => (runs.length > 1 ? `   runs ${runs.map((r) => r.ordersPerSec.toFixed(1)).join(', ')}` : '');
    const row = (name: string, r: Result, runs: Result[]) =>
      `  ${name.padEnd(10)} ${r.ordersPerSec.toFixed(1).padStart(8)} orders/s  ${r.reqPerSec.toFixed(0).padStart(6)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms` +
      (r.cpuPerOrder !== undefined ? `   CPU ${r.cpuPerOrder.toFixed(2)} ms/order` : '') +
      rounds(runs) +
      (r.failed ? `   ${r.failed} failed checkouts` : '');
    process.stdout.write(`${label}${ROUNDS > 1 ? ` (median of ${ROUNDS} runs each)` : ''}\n${row('bare', baseline, bareRuns)}\n${row('Comptoir', result, comptoirRuns)}\n`);
    if (result.sustainedOrdersPerSec !== undefined) {
      process.stdout.write(
        `             queue work left when the load stopped: ${result.backlog} (outbox events and messages), done ${result.drainSeconds!.toFixed(2)} s later: ` +
          `${result.sustainedOrdersPerSec.toFixed(1)} orders/s sustained\n`,
      );
    }
    // Each run against the bare run just before it: the pairs share the machine's speed of the moment.
    const ratios = comptoirRuns.map((r, i) => r.ordersPerSec / bareRuns[i].ordersPerSec);
    process.stdout.write(`  ratio Comptoir/bare: ${median(ratios).toFixed(3)} (orders/s during the run${ROUNDS > 1 ? ', median of the runs\' ratios' : ''})`);
    if (result.sustainedOrdersPerSec !== undefined) {
      process.stdout.write(`, ${median(comptoirRuns.map((r, i) => r.sustainedOrdersPerSec! / bareRuns[i].ordersPerSec)).toFixed(3)} sustained`);
    }
    process.stdout.write('\n\n');
    const failed = comptoirRuns.reduce((n, r) => n + r.failed, 0);
    if (failed) throw new Error(`${failed} checkouts did not end in an order`);
  } finally {
    comptoir.child.kill('SIGTERM');
    bare?.child.kill('SIGTERM');
  }
}

/**
 * Diagnostics against a target already running (`node dist/dev/bench/checkout-bench-target.js`, which prints its port; add
 * BENCH_LOG_QUERIES=1 to log its SQL): BENCH_PORT=<port> runs one checkout, BENCH_RUNS=n runs n in a row and prints the mean
 * latency of each call, BENCH_LOAD=s loads it as the benchmark does for s seconds (BENCH_SKUS=a,b,… the products; with
 * BENCH_CONTROL=<its CONTROL port> it also waits for the queue to drain, before and after), BENCH_STEPS=1 hammers each call but createGuestCart/addProductsToCart/placeOrder on one ready cart.
 */
async function diagnose(port: number): Promise<void> {
  const sku = process.env.BENCH_SKU ?? 'MT001';
  if (process.env.BENCH_LOAD) {
    const skus = (process.env.BENCH_SKUS ?? sku).split(',');
    const control = process.env.BENCH_CONTROL ? Number(process.env.BENCH_CONTROL) : undefined;
    const r = await measure({ port, control, child: { pid: undefined } as ChildProcess }, skus, Number(process.env.BENCH_LOAD));
    const drained = r.sustainedOrdersPerSec === undefined ? '' : `  backlog ${r.backlog} drained in ${r.drainSeconds!.toFixed(2)} s: ${r.sustainedOrdersPerSec.toFixed(1)} sustained`;
    process.stdout.write(`${r.ordersPerSec.toFixed(1)} orders/s  ${r.reqPerSec.toFixed(0)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  ${r.failed} failed${drained}\n`);
    return;
  }
  if (process.env.BENCH_STEPS) {
    const ctx: Ctx = { sku };
    for (const step of STEPS.slice(0, -1)) {
      const body = await post(port, step, ctx);
      if (step.name === 'createGuestCart') ctx.cart = body.data!.createGuestCart.cart.id;
    }
    for (const step of STEPS.slice(2, -1)) {
      const r = await autocannon({
        url: `http://127.0.0.1:${port}/graphql`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        connections: CONNECTIONS,
        duration: 3,
        body: JSON.stringify({ operationName: step.name, query: step.query, variables: step.variables(ctx) }),
      });
      process.stdout.write(`${step.name.padEnd(28)} ${r.requests.average.toFixed(0).padStart(6)} req/s  ${r.non2xx} non-2xx\n`);
    }
    return;
  }
  const times = new Map<string, number>();
  const runs = Number(process.env.BENCH_RUNS ?? 1);
  for (let i = 0; i < runs; i++) await checkoutOnce(port, sku, times);
  for (const [step, ms] of times) process.stdout.write(`${step.padEnd(28)} ${(ms / runs).toFixed(2)} ms\n`);
}

/**
 * `npm run bench:checkout`: the guest checkout (9 GraphQL calls from createGuestCart to placeOrder, checkmo, flat rate, one of
 * 20 sample products per cart) against the real server, on SQLite and then on MariaDB (BENCH_MYSQL_URL; BENCH_DB=sqlite or
 * mysql runs one), each beside a bare express server answering the recorded bodies of the same 9 calls, in BENCH_ROUNDS (3)
 * alternating runs. Reports the median run's orders/s (target on SQLite: >= 150), req/s, p50 and p99 per call, CPU per order.
 */
async function main(): Promise<void> {
  if (process.env.BENCH_PORT) return diagnose(Number(process.env.BENCH_PORT));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'checkout-bench-'));
  const which = process.env.BENCH_DB ?? 'all';
  process.stdout.write(
    `Guest checkout, ${STEPS.length} GraphQL POSTs per order, ${CONNECTIONS} connections, ${ROUNDS} run(s) of ${DURATION} s each after ${WARMUP} s of warm-up, one process each ` +
      `(node ${process.version}, NODE_ENV=${process.env.NODE_ENV ?? 'production'})\n\n`,
  );
  try {
    if (which !== 'mysql') await run('SQLite (embedded, WAL)', undefined, path.join(dir, 'sqlite.json'));
    if (which !== 'sqlite') await run(`MariaDB (${MYSQL_URL.replace(/\/\/[^@]*@/, '//')})`, MYSQL_URL, path.join(dir, 'mysql.json'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
