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
import { CustomerApi } from '../../modules/customer/api';
import { IncidentResponseApi } from '../../modules/incident-response/api';

export const BENCH_EMAIL = 'audit.bench@example.com';
export const BENCH_PASSWORD = 'Bench-Pass-2026';
const MODULES = ['Comptoir_Store', 'Comptoir_Directory', 'Comptoir_Customer', 'Comptoir_Security', 'Comptoir_User', 'Comptoir_TwoFactorAuth', 'Comptoir_IncidentResponse'];

/**
 * `bare`: express answering the customer query with canned JSON. `on` / `off`: a fresh install (SQLite) with the audit and
 * incident-response modules, PII-read auditing switched on or off (security/audit/record_pii_reads). Prints the lockdown
 * check's in-process cost, then `LISTENING <port>`.
 */
async function main(kind: string): Promise<void> {
  if (kind === 'bare') {
    const app = express();
    app.use(express.json());
    const customer = { data: { customer: { firstname: 'Bench', lastname: 'Customer', email: BENCH_EMAIL, addresses: [{ city: 'Austin', street: ['1 Main St'] }] } } };
    app.post('/graphql', (_req, res) => void res.json(customer));
    const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`LISTENING ${(server.address() as { port: number }).port}\n`));
    return;
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-audit-bench-'));
  const env = buildEnv({ db: { client: 'sqlite', filename: path.join(root, 'var', 'bench.sqlite') }, crypt: { keys: [Encryptor.generateKey()] }, auth: generateAuthKeys(), http: { host: '127.0.0.1', port: 0 } });
  await install({ root, env, modules: MODULES, packagesRoot: false, baseUrl: 'https://localhost/', baseUrlSecure: 'https://localhost/' });
  const app = await boot({ root, env, modules: MODULES, packagesRoot: false, requireUpToDate: true });
  app.logger.level = 'silent';
  await app.get(Kernel.Config).set('security/audit/record_pii_reads', kind === 'on');
  const customer = await app.get(CustomerApi.AccountManagement).createAccount({ email: BENCH_EMAIL, firstname: 'Bench', lastname: 'Customer', password: BENCH_PASSWORD }, { storeId: 1, source: 'service' });
  await app.get(CustomerApi.AddressManagement).create(customer.id, { firstname: 'Bench', lastname: 'Customer', street: ['1 Main St'], city: 'Austin', countryId: 'US', region: { regionCode: 'TX' }, postcode: '78701', telephone: '555-0100' });

  // The lockdown check: the cached path every customer-data call takes, and the database read behind it (once a second).
  const lockdown = app.get(IncidentResponseApi.Lockdown);
  await lockdown.isActive();
  const n = 200_000;
  let start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await lockdown.isActive();
  const cachedNs = Number(process.hrtime.bigint() - start) / n;
  start = process.hrtime.bigint();
  for (let i = 0; i < 2000; i++) await lockdown.state();
  const readUs = Number(process.hrtime.bigint() - start) / 2000 / 1000;
  process.stdout.write(`LOCKDOWN cached ${cachedNs.toFixed(0)} ns, read ${readUs.toFixed(1)} us\n`);

  const server = await startServer(app, { port: 0, host: '127.0.0.1' });
  process.stdout.write(`LISTENING ${new URL(server.url).port}\n`);
  process.on('SIGTERM', () => {
    void server.close().then(() => app.close()).then(() => fs.rmSync(root, { recursive: true, force: true })).finally(() => process.exit(0));
  });
}

if (require.main === module) void main(process.argv[2] ?? 'on');
