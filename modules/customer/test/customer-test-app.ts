import path from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { Kernel } from '../../../app';
import { PasswordHasher } from '../../../app/crypto/password-hasher';
import { ConsumerRunner } from '../../../app/event/consumer-runner';
import { OutboxRelay } from '../../../app/event/outbox-relay';
import { createHttpApp } from '../../../app/http/http-app';
import type { FakeClock } from '../../../app/kernel/clock';
import { codeRoot } from '../../../app/kernel/paths';
import type { FileMailTransport } from '../../../app/mail/file-mail-transport';
import { createTestApp, type TestApp, type TestAppOptions } from '../../../app/testing/test-app';

export const CUSTOMER_MODULES = ['Comptoir_Store', 'Comptoir_Directory', 'Comptoir_Customer'];
export const customerTestModuleDirs = [path.join(codeRoot, 'modules'), path.join(__dirname, 'fixtures')];

/**
 * scrypt with N = 2^10 (about 3 ms a hash) so lockout and password tests stay fast; production keeps the kernel's
 * N = 2^15 (about 100 ms). Only the cost parameter differs: the code path is the same.
 */
export const fastPasswordHasher = new PasswordHasher({ N: 1024, r: 8, p: 1 });

export interface CustomerTestOptions extends TestAppOptions {
  clock?: FakeClock;
  /** Also enable the fixture recording customer events. */
  recordEvents?: boolean;
}

export function createCustomerTestApp(options: CustomerTestOptions = {}): Promise<TestApp> {
  const { clock, recordEvents, overrides, ...rest } = options;
  return createTestApp({
    modules: recordEvents ? [...CUSTOMER_MODULES, 'Fixture_CustomerEvents'] : CUSTOMER_MODULES,
    moduleDirs: customerTestModuleDirs,
    ...rest,
    overrides: (bind, container) => {
      bind(Kernel.PasswordHasher).toConstantValue(fastPasswordHasher);
      if (clock) bind(Kernel.Clock).toConstantValue(clock);
      overrides?.(bind, container);
    },
  });
}

export interface GraphQlAnswer {
  status: number;
  data?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  errors?: Array<{ message: string; extensions?: { category?: string }; path?: Array<string | number> }>;
  /** The raw body text, to search for things that must never appear (hashes, tokens). */
  text: string;
}

/** A storefront client speaking to the app's HTTP stack (supertest). */
export class StorefrontClient {
  readonly web: Express;

  constructor(readonly app: TestApp) {
    this.web = createHttpApp(app);
  }

  async gql(query: string, variables: Record<string, unknown> = {}, options: { token?: string; store?: string } = {}): Promise<GraphQlAnswer> {
    const call = request(this.web).post('/graphql').set('Content-Type', 'application/json');
    if (options.token) call.set('Authorization', `Bearer ${options.token}`);
    if (options.store) call.set('Store', options.store);
    const res = await call.send({ query, variables });
    return { status: res.status, data: res.body.data, errors: res.body.errors, text: res.text };
  }

  async signUp(input: Record<string, unknown>, store?: string): Promise<GraphQlAnswer> {
    return this.gql('mutation ($input: CustomerCreateInput!) { createCustomerV2(input: $input) { customer { email firstname lastname } } }', { input }, { store });
  }

  async signIn(email: string, password: string, store?: string): Promise<string> {
    const res = await this.gql('mutation ($e: String!, $p: String!) { generateCustomerToken(email: $e, password: $p) { token } }', { e: email, p: password }, { store });
    if (!res.data?.generateCustomerToken?.token) throw new Error(`sign-in failed: ${JSON.stringify(res.errors)}`);
    return res.data.generateCustomerToken.token as string;
  }
}

/** Publishes the outbox and runs the kernel's mail consumer, then returns every mail the file transport wrote. */
export async function deliverMail(app: TestApp) {
  await OutboxRelay.attach(app).flush();
  await new ConsumerRunner(app).run(['Comptoir_Framework::kernel_send_mail'], { stopWhenEmpty: true });
  return (app.get(Kernel.MailTransport) as FileMailTransport).list();
}

export const PASSWORD = 'Sunflower-42';
