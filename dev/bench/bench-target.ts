import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { Encryptor } from '../../app/crypto/encryptor';
import { buildEnv, generateAuthKeys } from '../../app/kernel/env';
import { boot } from '../../app/kernel/boot';
import { startServer } from '../../app/http/server';
import { install } from '../../app/setup/installer';
import { installSampleData } from '../../setup/sample-data';

/**
 * A server under benchmark, in its own process so that autocannon (in the parent) does not share its event loop.
 * `comptoir`: a freshly installed sample store (developer mode: plain HTTP on loopback) behind the whole stack. `bare`: express answering the same JSON.
 * Prints `LISTENING <port>` once ready.
 */
async function main(kind: string): Promise<void> {
  if (kind === 'bare') {
    const app = express();
    const body = { data: { storeConfig: { store_code: 'default', store_name: 'Default Store View', locale: 'en_US', base_currency_code: 'USD', timezone: 'America/Chicago' } } };
    app.get('/graphql', (_req, res) => void res.json(body));
    const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`LISTENING ${(server.address() as { port: number }).port}\n`));
    return;
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-bench-'));
  const env = buildEnv({
    db: { client: 'sqlite', filename: path.join(root, 'var', 'bench.sqlite') },
    crypt: { keys: [Encryptor.generateKey()] },
    auth: generateAuthKeys(),
    http: { host: '127.0.0.1', port: 0 },
  });
  await install({ root, env, packagesRoot: false, baseUrl: 'https://localhost/', baseUrlSecure: 'https://localhost/' });
  const app = await boot({ root, env, packagesRoot: false, requireUpToDate: true });
  await installSampleData(app, () => undefined);
  app.logger.level = 'silent';
  const server = await startServer(app, { port: 0, host: '127.0.0.1' });
  process.stdout.write(`LISTENING ${new URL(server.url).port}\n`);
  process.on('SIGTERM', () => {
    void server.close().then(() => app.close()).then(() => fs.rmSync(root, { recursive: true, force: true })).finally(() => process.exit(0));
  });
}

void main(process.argv[2] ?? 'comptoir');
