import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { Encryptor } from '../../app/crypto/encryptor';
import { buildEnv, generateAuthKeys } from '../../app/kernel/env';
import { boot } from '../../app/kernel/boot';
import type { Application } from '../../app/kernel/application';
import { startServer } from '../../app/http/server';
import { install } from '../../app/setup/installer';
import { installSampleData } from '../../setup/sample-data';

export type GuardTargetKind = 'bare' | 'with-guard' | 'without-guard';

/** A sample store with or without Comptoir_WebSecurity (the card-data guard and the rate limiter), booted in a temp folder. */
export async function bootGuardTarget(withGuard: boolean): Promise<{ app: Application; root: string }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-guard-bench-'));
  const env = buildEnv({
    db: { client: 'sqlite', filename: path.join(root, 'var', 'bench.sqlite') },
    crypt: { keys: [Encryptor.generateKey()] },
    auth: generateAuthKeys(),
    http: { host: '127.0.0.1', port: 0 },
  });
  const modules = withGuard ? ['Comptoir_Store', 'Comptoir_WebSecurity'] : ['Comptoir_Store'];
  await install({ root, env, modules, packagesRoot: false, baseUrl: 'https://localhost/', baseUrlSecure: 'https://localhost/' });
  const app = await boot({ root, env, modules, packagesRoot: false, requireUpToDate: true });
  await installSampleData(app, () => undefined);
  app.logger.level = 'silent';
  return { app, root };
}

/**
 * One server under benchmark, in its own process so autocannon (in the parent) does not share its event loop. `bare`: express
 * answering the same JSON; the two others: the whole stack, with and without Comptoir_WebSecurity. Prints `LISTENING <port>`.
 */
async function main(kind: GuardTargetKind): Promise<void> {
  if (kind === 'bare') {
    const web = express();
    const body = { data: { storeConfig: { store_code: 'default', store_name: 'Default Store View', locale: 'en_US', base_currency_code: 'USD', timezone: 'America/Chicago' } } };
    web.get('/graphql', (_req, res) => void res.json(body));
    const server = web.listen(0, '127.0.0.1', () => process.stdout.write(`LISTENING ${(server.address() as { port: number }).port}\n`));
    return;
  }
  const { app, root } = await bootGuardTarget(kind === 'with-guard');
  const server = await startServer(app, { port: 0, host: '127.0.0.1' });
  process.stdout.write(`LISTENING ${new URL(server.url).port}\n`);
  process.on('SIGTERM', () => {
    void server.close().then(() => app.close()).then(() => fs.rmSync(root, { recursive: true, force: true })).finally(() => process.exit(0));
  });
}

if (require.main === module) void main((process.argv[2] ?? 'with-guard') as GuardTargetKind);
