import 'reflect-metadata';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { Encryptor } from '../../app/crypto/encryptor';
import { buildEnv, generateAuthKeys, parseDbUrl } from '../../app/kernel/env';
import { boot } from '../../app/kernel/boot';
import { startServer } from '../../app/http/server';
import { QueueWorker } from '../../app/event/queue-worker';
import { QUEUE_MESSAGE_STATUS_TABLE } from '../../app/event/db-queue-transport';
import { OUTBOX_TABLE } from '../../app/event/event-bus';
import type { Application } from '../../app/kernel/application';
import { install } from '../../app/setup/installer';
import { installSampleCatalog } from '../../setup/sample-data/catalog';
import { installSampleStores } from '../../setup/sample-data/store';
import { Kernel } from '../../app/kernel/tokens';
import { CatalogApi } from '../../modules/catalog/api';
import { CatalogTable } from '../../modules/catalog/api/catalog-tables';

/** What a checkout stands on: the storefront catalog, customers (addresses, groups) and sales. */
export const CHECKOUT_BENCH_MODULES = ['Comptoir_Store', 'Comptoir_Directory', 'Comptoir_Catalog', 'Comptoir_Customer', 'Comptoir_Sales'];

/** Simple products the benchmark buys, round robin over connections, each with plenty of stock. */
export const BENCH_SKUS_COUNT = 20;

/**
 * A server under the checkout benchmark, in its own process. `comptoir [db-url]`: a fresh install (SQLite in a temporary
 * directory, or the MySQL/MariaDB database of the URL, emptied first) with the sample store and catalog, behind the whole HTTP
 * stack, with the queue worker `serve` runs (relay and consumers); prints `SKUS <json>` then `LISTENING <port>`. `bare <file>`: express answering POST /graphql with the recorded JSON
 * bodies in <file> keyed by operationName, so the baseline parses and serializes what Comptoir does.
 */
async function main(kind: string, arg?: string): Promise<void> {
  if (kind === 'bare') {
    const bodies = JSON.parse(fs.readFileSync(arg!, 'utf8')) as Record<string, unknown>;
    const app = express();
    app.use(express.json());
    app.post('/graphql', (req, res) => {
      const body = bodies[String((req.body as { operationName?: string }).operationName)];
      if (body === undefined) res.status(404).end();
      else res.json(body);
    });
    const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`LISTENING ${(server.address() as { port: number }).port}\n`));
    return;
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-checkout-bench-'));
  const db = arg ? parseDbUrl(arg) : parseDbUrl(`sqlite:${path.join(root, 'var', 'bench.sqlite')}`);
  if (db.client === 'mysql') await emptyDatabase(arg!);
  const env = buildEnv({ db, crypt: { keys: [Encryptor.generateKey()] }, auth: generateAuthKeys(), http: { host: '127.0.0.1', port: 0 } });
  await install({ root, env, modules: CHECKOUT_BENCH_MODULES, packagesRoot: false, baseUrl: 'https://localhost/', baseUrlSecure: 'https://localhost/', quiet: true });
  const app = await boot({ root, env, modules: CHECKOUT_BENCH_MODULES, packagesRoot: false, requireUpToDate: true });
  await installSampleStores(app);
  await installSampleCatalog(app);
  const knex = app.get(Kernel.Database).knex;
  const rows = (await knex(CatalogTable.product).where({ type_id: 'simple', visibility: 4 }).orderBy('entity_id').limit(BENCH_SKUS_COUNT * 3).pluck('sku')) as string[];
  const stock = app.get(CatalogApi.StockRegistry);
  const skus: string[] = [];
  for (const sku of rows) {
    if (skus.length === BENCH_SKUS_COUNT) break;
    await stock.updateStockItem(sku, { qty: 10_000_000, isInStock: true });
    skus.push(sku);
  }
  app.logger.level = 'silent';
  // BENCH_LOG_QUERIES=1 logs every statement: `knex` when knex built or ran it, `direct` when it ran straight on SQLite.
  if (process.env.BENCH_LOG_QUERIES) knex.on('query', (q: { sql: string; __knexUid?: string }) => process.stderr.write(`SQL ${q.__knexUid ? 'knex  ' : 'direct'} ${q.sql}\n`));
  // As `comptoir serve` runs by default: WAL checkpoints on a worker thread (SQLite), the outbox relay and the consumers (order confirmation emails, to var/mail here) in the
  // same process, so their cost is in the figures. BENCH_NO_CONSUMERS=1 leaves them out (consumers on other machines).
  await app.db.checkpointInBackground();
  QueueWorker.start(app, { consumers: process.env.BENCH_NO_CONSUMERS ? false : undefined });
  const server = await startServer(app, { port: 0, host: '127.0.0.1' });
  // The benchmark's side door (not the application's): GET answers how much queue work the orders so far still wait for, so
  // that a run counts the time its confirmation emails take, not only the requests.
  const control = http.createServer((_req, res) => {
    pendingQueueWork(app).then(
      (pending) => res.end(JSON.stringify({ pending })),
      (err: Error) => res.writeHead(500).end(err.message),
    );
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  // Without consumers here (BENCH_NO_CONSUMERS), nothing drains the queue: no control port, no waiting for it.
  const controlLine = process.env.BENCH_NO_CONSUMERS ? '' : `CONTROL ${(control.address() as { port: number }).port}\n`;
  process.stdout.write(`SKUS ${JSON.stringify(skus)}\n${controlLine}LISTENING ${new URL(server.url).port}\n`);
  process.on('SIGTERM', () => {
    control.close();
    void server.close().then(() => app.close()).then(() => fs.rmSync(root, { recursive: true, force: true })).finally(() => process.exit(0));
  });
}

/** Events not yet relayed from the outbox plus queue messages not yet delivered (new or in progress; parked errors excluded). */
async function pendingQueueWork(app: Application): Promise<number> {
  const [row] = await app.db.select<{ pending: number }>(
    `SELECT (SELECT COUNT(*) FROM ${OUTBOX_TABLE} WHERE published_at IS NULL) + (SELECT COUNT(*) FROM ${QUEUE_MESSAGE_STATUS_TABLE} WHERE status IN ('new', 'in_progress')) AS pending`,
  );
  return Number(row?.pending ?? 0);
}

/** Drops and re-creates the benchmark's database so each run starts from an empty schema. */
async function emptyDatabase(url: string): Promise<void> {
  const { default: mysql } = await import('mysql2/promise');
  const parsed = new URL(url);
  const name = parsed.pathname.replace(/^\//, '');
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unexpected database name "${name}"`);
  const conn = await mysql.createConnection({ host: parsed.hostname, port: Number(parsed.port || 3306), user: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) });
  await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
}

void main(process.argv[2] ?? 'comptoir', process.argv[3]);
