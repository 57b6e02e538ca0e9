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
import { CustomerApi } from '../../modules/customer/api';

export const BENCH_EMAIL = 'bench.customer@example.com';
export const BENCH_PASSWORD = 'Bench-Pass-2026';
const MODULES = ['Comptoir_Store', 'Comptoir_Directory', 'Comptoir_Customer'];

/**
 * A server under benchmark, in its own process. `comptoir`: a fresh install (SQLite, developer mode, loopback HTTP) with one
 * customer and one address, hashing passwords with the kernel's production scrypt cost. `bare`: express answering both
 * GraphQL calls with canned JSON. Prints `LISTENING <port>` once ready.
 */
async function main(kind: string): Promise<void> {
  if (kind === 'bare') {
    const app = express();
    app.use(express.json());
    const token = { data: { generateCustomerToken: { token: 'eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl' } } };
    const customer = { data: { customer: { firstname: 'Bench', lastname: 'Customer', email: BENCH_EMAIL, addresses: [{ city: 'Austin', street: ['1 Main St'] }] } } };
    app.post('/graphql', (req, res) => void res.json(String(req.body?.query).includes('generateCustomerToken') ? token : customer));
    const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`LISTENING ${(server.address() as { port: number }).port}\n`));
    return;
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-customer-bench-'));
  const env = buildEnv({
    db: { client: 'sqlite', filename: path.join(root, 'var', 'bench.sqlite') },
    crypt: { keys: [Encryptor.generateKey()] },
    auth: generateAuthKeys(),
    http: { host: '127.0.0.1', port: 0 },
  });
  await install({ root, env, modules: MODULES, packagesRoot: false, baseUrl: 'https://localhost/', baseUrlSecure: 'https://localhost/' });
  const app = await boot({ root, env, modules: MODULES, packagesRoot: false, requireUpToDate: true });
  app.logger.level = 'silent';
  const customer = await app.get(CustomerApi.AccountManagement).createAccount(
    { email: BENCH_EMAIL, firstname: 'Bench', lastname: 'Customer', password: BENCH_PASSWORD },
    { storeId: 1, source: 'service' },
  );
  await app.get(CustomerApi.AddressManagement).create(customer.id, {
    firstname: 'Bench',
    lastname: 'Customer',
    street: ['1 Main St'],
    city: 'Austin',
    countryId: 'US',
    region: { regionCode: 'TX' },
    postcode: '78701',
    telephone: '555-0100',
  });
  const server = await startServer(app, { port: 0, host: '127.0.0.1' });
  process.stdout.write(`LISTENING ${new URL(server.url).port}\n`);
  process.on('SIGTERM', () => {
    void server.close().then(() => app.close()).then(() => fs.rmSync(root, { recursive: true, force: true })).finally(() => process.exit(0));
  });
}

if (require.main === module) void main(process.argv[2] ?? 'comptoir');
