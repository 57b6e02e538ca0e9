import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { cpuTimeDuring, startTarget, type RunningTarget } from './bench-process';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
/** Rounds per page, bare and Comptoir alternating, so that a slow spell of the machine weighs on both; the median is reported. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);

const PRICE = 'price_range { minimum_price { regular_price { value currency } final_price { value currency } discount { amount_off percent_off } } maximum_price { final_price { value currency } } }';

/** A category listing as a storefront asks for it: 20 products with prices, images, stock and their variants. */
const categoryPage = (uid: string) => `{ products(filter: { category_uid: { eq: "${uid}" } }, pageSize: 20) {
  total_count page_info { current_page total_pages }
  items { __typename uid sku name url_key stock_status ${PRICE} small_image { url label }
    ... on ConfigurableProduct {
      configurable_options { attribute_code label values { uid label } }
      variants { attributes { code value_index } product { sku stock_status } } } } } }`;

/** A product page: one product by url key with everything a product page shows. */
const productPage = (urlKey: string) => `{ products(filter: { url_key: { eq: "${urlKey}" } }) { items {
  __typename uid sku name url_key meta_title description { html } short_description { html } stock_status ${PRICE}
  image { url label } media_gallery { url label position } categories { uid name url_path breadcrumbs { category_name category_url_path } }
  ... on ConfigurableProduct {
    configurable_options { uid attribute_code label values { uid label value_index } }
    variants { attributes { code label uid value_index } product { sku name stock_status ${PRICE} } } } } } }`;

function startCatalogTarget(args: string[]): Promise<RunningTarget> {
  // Both servers run as a deployment runs them (graphql-js skips its development-only checks under NODE_ENV=production).
  return startTarget(path.join(__dirname, 'catalog-bench-target.js'), args, { env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' } });
}

interface Result {
  reqPerSec: number;
  p50: number;
  p99: number;
  bytes: number;
  /** The server's CPU time per request (ms), when /proc tells it. */
  cpuPerRequest?: number;
}

async function measure(target: { port: number; child: ChildProcess }, query: string, warm = true): Promise<Result> {
  const url = `http://127.0.0.1:${target.port}/graphql?query=${encodeURIComponent(query)}`;
  if (warm) await autocannon({ url, connections: CONNECTIONS, duration: 2 }); // warm-up
  const { result, cpuMs } = await cpuTimeDuring(target.child.pid, () => autocannon({ url, connections: CONNECTIONS, duration: DURATION }));
  if (result.non2xx || result.errors) throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors on port ${target.port}`);
  const cpuPerRequest = cpuMs !== undefined && result.requests.total ? cpuMs / result.requests.total : undefined;
  return { reqPerSec: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, bytes: result.throughput.average / Math.max(1, result.requests.average), cpuPerRequest };
}

async function get(port: number, query: string): Promise<{ data?: Record<string, unknown>; errors?: unknown }> {
  return (await fetch(`http://127.0.0.1:${port}/graphql?query=${encodeURIComponent(query)}`)).json() as Promise<{ data?: Record<string, unknown>; errors?: unknown }>;
}

/**
 * `npm run bench:catalog`: a category page and a product page of the sample catalog, uncached, over HTTP GET against the
 * real server on SQLite, beside a bare express server answering the very same JSON, in one run: BENCH_ROUNDS rounds (5) of
 * BENCH_SECONDS (5), bare and Comptoir alternating. Reports the median round's req/s, p50, p99 and ratio Comptoir/bare
 * (target: >= 0.25), with every round's ratio.
 */
async function main(): Promise<void> {
  const comptoir = await startCatalogTarget(['comptoir']);
  let bare: { child: ChildProcess; port: number } | undefined;
  const bodiesFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-bench-')), 'bodies.json');
  try {
    const menu = await get(comptoir.port, '{ categories(filters: { url_path: { eq: "men" } }) { items { uid name } } }');
    const men = (menu.data?.categories as { items: Array<{ uid: string }> }).items[0].uid;
    const pages = { 'category page (Men, 20/page, variants)': categoryPage(men), 'product page (url_key summit-tee)': productPage('summit-tee') };
    const bodies: Record<string, unknown> = {};
    for (const query of Object.values(pages)) {
      const body = await get(comptoir.port, query);
      if (body.errors || !body.data) throw new Error(`unexpected answer: ${JSON.stringify(body).slice(0, 500)}`);
      bodies[query] = body;
    }
    const items = (bodies[pages['category page (Men, 20/page, variants)']] as { data: { products: { items: Array<{ variants?: unknown[] }> } } }).data.products.items;
    fs.writeFileSync(bodiesFile, JSON.stringify(bodies));
    bare = await startCatalogTarget(['bare', bodiesFile]);
    process.stdout.write(
      `Sample catalog on SQLite, HTTP GET, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${DURATION} s, one process each (node ${process.version}, ` +
        `NODE_ENV=${process.env.NODE_ENV ?? 'production'}); ` +
        `category page: ${items.length} products, ${items.reduce((n, i) => n + (i.variants?.length ?? 0), 0)} variants\n\n`,
    );
    for (const [name, query] of Object.entries(pages)) {
      const rounds: Array<{ baseline: Result; result: Result; ratio: number }> = [];
      for (let round = 0; round < ROUNDS; round++) {
        const baseline = await measure(bare, query, round === 0);
        const result = await measure(comptoir, query, round === 0);
        rounds.push({ baseline, result, ratio: result.reqPerSec / baseline.reqPerSec });
      }
      const median = [...rounds].sort((a, b) => a.ratio - b.ratio)[Math.floor(rounds.length / 2)];
      const row = (label: string, r: Result) =>
        `  ${label.padEnd(10)} ${r.reqPerSec.toFixed(0).padStart(7)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   ${(r.bytes / 1024).toFixed(1)} KiB/response`;
      process.stdout.write(`${name}\n${row('bare', median.baseline)}\n${row('Comptoir', median.result)}\n`);
      process.stdout.write(
        `  ratio Comptoir/bare: ${median.ratio.toFixed(3)} (req/s; median of ${ROUNDS} alternating rounds: ${rounds.map((r) => r.ratio.toFixed(3)).join(', ')}), ` +
          `p99 ${median.result.p99} ms vs ${median.baseline.p99} ms\n`,
      );
      const cpu = (pick: (r: (typeof rounds)[number]) => number | undefined) => {
        const values = rounds.map(pick).filter((v): v is number => v !== undefined).sort((a, b) => a - b);
        return values.length ? values[Math.floor(values.length / 2)] : undefined;
      };
      const bareCpu = cpu((r) => r.baseline.cpuPerRequest);
      const comptoirCpu = cpu((r) => r.result.cpuPerRequest);
      if (bareCpu !== undefined && comptoirCpu !== undefined) {
        // Steadier than req/s here: what each server spent per request, whatever CPU share the machine gave it.
        process.stdout.write(`  server CPU per request (median): bare ${bareCpu.toFixed(3)} ms, Comptoir ${comptoirCpu.toFixed(3)} ms, ratio bare/Comptoir ${(bareCpu / comptoirCpu).toFixed(3)}\n`);
      }
      process.stdout.write('\n');
    }
  } finally {
    comptoir.child.kill('SIGTERM');
    bare?.child.kill('SIGTERM');
    fs.rmSync(path.dirname(bodiesFile), { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
