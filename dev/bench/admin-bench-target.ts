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
import { cliActor } from '../../modules/security/api';
import { TfaApi } from '../../modules/two-factor-auth/api';
import { UserApi } from '../../modules/user/api';

export const BENCH_ADMIN = { username: 'bench', password: 'Bench-password-2026', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' };
const WEBSITES = [
  { id: 0, code: 'admin', name: 'Admin', default_group_id: 0 },
  { id: 1, code: 'base', name: 'Main Website', default_group_id: 1 },
];

/**
 * `comptoir`: store + admin security modules, one admin with a known TOTP secret, the whole HTTP stack.
 * `bare`: express answering the same JSON after a bearer-header check. Prints `LISTENING <port>` once ready.
 */
async function main(kind: string): Promise<void> {
  if (kind === 'bare') {
    const app = express();
    app.get('/rest/V1/store/websites', (req, res) => void (req.headers.authorization?.startsWith('Bearer ') ? res.json(WEBSITES) : res.status(401).json({ message: 'no' })));
    const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`LISTENING ${(server.address() as { port: number }).port}\n`));
    return;
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-admin-bench-'));
  const env = buildEnv({
    db: { client: 'sqlite', filename: path.join(root, 'var', 'bench.sqlite') },
    crypt: { keys: [Encryptor.generateKey()] },
    auth: generateAuthKeys(),
    http: { host: '127.0.0.1', port: 0 },
  });
  const modules = ['Comptoir_Store', 'Comptoir_Security', 'Comptoir_User', 'Comptoir_TwoFactorAuth'];
  await install({ root, env, modules, packagesRoot: false, baseUrl: 'https://localhost/', baseUrlSecure: 'https://localhost/' });
  const app = await boot({ root, env, modules, packagesRoot: false, requireUpToDate: true });
  const user = await app.get(UserApi.AdminUserManager).create({ username: BENCH_ADMIN.username, password: BENCH_ADMIN.password, email: 'bench@example.com', firstname: 'Ben', lastname: 'Ch' }, cliActor());
  await app.get(TfaApi.Manager).setGoogleSecret(user.id, BENCH_ADMIN.secret, cliActor());
  app.logger.level = 'silent';
  const server = await startServer(app, { port: 0, host: '127.0.0.1' });
  process.stdout.write(`LISTENING ${new URL(server.url).port}\n`);
  process.on('SIGTERM', () => {
    void server.close().then(() => app.close()).then(() => fs.rmSync(root, { recursive: true, force: true })).finally(() => process.exit(0));
  });
}

if (require.main === module) void main(process.argv[2] ?? 'comptoir');
