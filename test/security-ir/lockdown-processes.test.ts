import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { codeRoot } from '../../app/kernel/paths';
import type { TestApp } from '../../app/testing/test-app';
import { StorefrontClient } from '../../modules/customer/test/customer-test-app';
import { IncidentResponseApi, LOCKDOWN_MESSAGE } from '../../modules/incident-response/api';
import { cliActor } from '../../modules/security/api';
import { CUSTOMER_PASSWORD, CUSTOMER_QUERY, createIrTestApp, signedUpCustomer } from './ir-test-app';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startServerProcess(root: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['-r', path.join(codeRoot, 'dev/tools/register-ts.js'), path.join(__dirname, 'support/serve-child.ts')], {
    env: { ...process.env, COMPTOIR_ROOT: root, COMPTOIR_LOG_LEVEL: 'silent', JEST_WORKER_ID: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /LISTENING (\d+)/.exec(out);
      if (match) resolve({ child, url: `http://127.0.0.1:${match[1]}/graphql` });
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server process exited with ${code}: ${err}`)));
  });
}

async function gql(url: string, query: string, token?: string): Promise<{ data?: Record<string, any>; errors?: Array<{ message: string; extensions?: { category?: string } }> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as never;
}

/** The same switch seen by an operating-system process of its own, not only by a second instance in this one. */
describe('lockdown reaches a separate server process (IR-01)', () => {
  let app: TestApp;
  let server: { child: ChildProcess; url: string } | undefined;

  beforeAll(async () => {
    app = await createIrTestApp();
    server = await startServerProcess(app.root);
  }, 60_000);
  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await app?.close();
  });

  it('IR-01 lockdown switched in one process refuses customer data and old tokens in another, which keeps serving the catalog side', async () => {
    const token = await signedUpCustomer(new StorefrontClient(app), 'p');
    expect((await gql(server!.url, CUSTOMER_QUERY, token)).data?.customer.email).toBe('luciep@example.com');

    const lockdown = app.get(IncidentResponseApi.Lockdown);
    await lockdown.activate(cliActor(), 'test: leak drill');
    await pause(1200); // each process re-reads the switch at most once a second

    const refused = await gql(server!.url, CUSTOMER_QUERY, token);
    expect(refused.errors?.[0]).toMatchObject({ message: LOCKDOWN_MESSAGE, extensions: { category: 'graphql-authorization' } });
    expect((await gql(server!.url, '{ storeConfig { store_code } }')).data?.storeConfig.store_code).toBe('default');

    await lockdown.deactivate(cliActor());
    await pause(1200);
    // The old token was revoked for good; a fresh sign-in works again in the other process (which had to learn the rotated key).
    const stale = await gql(server!.url, CUSTOMER_QUERY, token);
    expect(stale.errors?.[0].extensions?.category).toBe('graphql-authorization');
    const signIn = await gql(server!.url, `mutation { generateCustomerToken(email: "luciep@example.com", password: "${CUSTOMER_PASSWORD}") { token } }`);
    expect(signIn.errors).toBeUndefined();
    expect((await gql(server!.url, CUSTOMER_QUERY, signIn.data!.generateCustomerToken.token)).data?.customer.email).toBe('luciep@example.com');
  }, 60_000);
});
