import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { Kernel } from '../../app';
import { Encryptor } from '../../app/crypto/encryptor';
import { buildEnv, generateAuthKeys } from '../../app/kernel/env';
import { boot } from '../../app/kernel/boot';
import { startServer } from '../../app/http/server';
import { install } from '../../app/setup/installer';
import { installSampleCatalog } from '../../setup/sample-data/catalog';
import { installSampleStores } from '../../setup/sample-data/store';

/** The modules under test: the storefront catalog and what it stands on (other modules' middleware is benchmarked on its own). */
export const CATALOG_BENCH_MODULES = ['Comptoir_Store', 'Comptoir_Catalog'];

/**
 * A server under benchmark, in its own process so that autocannon (in the parent) does not share its event loop.
 * `comptoir`: a fresh install on SQLite with the sample store and catalog, behind the whole HTTP stack (developer mode: plain
 * HTTP on loopback). `bare <file>`: express answering GET /graphql with the JSON bodies in <file> (query string → body), so the
 * baseline serializes exactly what Comptoir answers. Prints `LISTENING <port>` once ready.
 */
async function main(kind: string, bodiesFile?: string): Promise<void> {
  if (kind === 'bare') {
    const bodies = JSON.parse(fs.readFileSync(bodiesFile!, 'utf8')) as Record<string, unknown>;
    const app = express();
    app.get('/graphql', (req, res) => {
      const body = bodies[String(req.query.query)];
      if (body === undefined) res.status(404).end();
      else res.json(body);
    });
    const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`LISTENING ${(server.address() as { port: number }).port}\n`));
    return;
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-catalog-bench-'));
  const env = buildEnv({
    db: { client: 'sqlite', filename: path.join(root, 'var', 'bench.sqlite') },
    crypt: { keys: [Encryptor.generateKey()] },
    auth: generateAuthKeys(),
    http: { host: '127.0.0.1', port: 0 },
  });
  await install({ root, env, modules: CATALOG_BENCH_MODULES, packagesRoot: false, baseUrl: 'https://localhost/', baseUrlSecure: 'https://localhost/', quiet: true });
  const app = await boot({ root, env, modules: CATALOG_BENCH_MODULES, packagesRoot: false, requireUpToDate: true });
  await installSampleStores(app);
  await installSampleCatalog(app);
  app.logger.level = 'silent';
  if (process.env.BENCH_LOG_QUERIES) app.get(Kernel.Database).knex.on('query', (q: { sql: string }) => process.stderr.write(`SQL ${q.sql}\n`));
  const server = await startServer(app, { port: 0, host: '127.0.0.1' });
  process.stdout.write(`LISTENING ${new URL(server.url).port}\n`);
  process.on('SIGTERM', () => {
    void server.close().then(() => app.close()).then(() => fs.rmSync(root, { recursive: true, force: true })).finally(() => process.exit(0));
  });
}

void main(process.argv[2] ?? 'comptoir', process.argv[3]);
