import request from 'supertest';
import type { Express } from 'express';
import { Kernel } from '../../../app';
import { createHttpApp } from '../../../app/http/http-app';
import type { TestApp } from '../../../app/testing/test-app';
import type { CardGateway, CardGatewayPool } from '../api/payment';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import { SalesApi } from '../api/tokens';
import { createSalesTestApp } from './sales-test-app';

const directive = (policy: string, name: string) => policy.split('; ').find((d) => d.startsWith(`${name} `))?.split(' ').slice(1) ?? [];
const origins = (policy: string) => [...new Set(policy.match(/https?:\/\/[^\s;]+/g) ?? [])];

describe('PAY-04 storefront CSP allowlists the configured card gateway only', () => {
  let app: TestApp;
  let web: Express;
  const csp = async () => {
    const res = await request(web).get('/csp/storefront');
    expect(res.status).toBe(200);
    return res.body as { store_code: string; policy: string; directives: Record<string, string[]> };
  };

  beforeAll(async () => {
    app = await createSalesTestApp();
    web = createHttpApp(app);
  });
  afterAll(() => app?.close());

  it('PAY-04 adds the sandbox hosted-fields origin to script-src, frame-src and connect-src, and no other origin anywhere', async () => {
    const { policy, directives, store_code } = await csp();
    expect(store_code).toBe('default');
    for (const name of ['script-src', 'frame-src', 'connect-src']) expect(directive(policy, name)).toEqual(["'self'", 'https://localhost:8090']);
    expect(directives['script-src']).toEqual(["'self'", 'https://localhost:8090']);
    expect(origins(policy)).toEqual(['https://localhost:8090']);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(directive(policy, 'object-src')).toEqual(["'none'"]);
    expect(policy).toContain('upgrade-insecure-requests');
  });

  it('PAY-04 follows payment/comptoir_card/hosted_fields_origin per website, refuses a non-https origin, and drops the gateway when the card method is off', async () => {
    const config = app.get(Kernel.Config);
    await config.set(P.CardHostedFieldsOrigin, 'https://hosted.pay.example.com', { scope: 'websites', code: 'base' });
    expect(origins((await csp()).policy)).toEqual(['https://hosted.pay.example.com']);
    await expect(config.set(P.CardHostedFieldsOrigin, 'http://hosted.pay.example.com')).rejects.toThrow(/https origin/);
    await expect(config.set(P.CardHostedFieldsOrigin, 'https://*.example.com')).rejects.toThrow(/https origin/);

    await config.set(P.CardActive, '0', { scope: 'stores', code: 'default' });
    const off = await csp();
    expect(origins(off.policy)).toEqual([]);
    expect(directive(off.policy, 'frame-src')).toEqual(["'self'"]);
    await config.delete(P.CardActive, { scope: 'stores', code: 'default' });
    await config.delete(P.CardHostedFieldsOrigin, { scope: 'websites', code: 'base' });
  });

  it('PAY-04 allows no gateway when the configured one is unknown or cannot run here', async () => {
    // Only isAvailable() matters to the CSP; the payment methods never get to call the rest.
    const unavailable = { code: 'sandbox', isAvailable: () => false } as unknown as CardGateway;
    const other = await createSalesTestApp({
      overrides: (bind) => void bind(SalesApi.CardGatewayPool).toConstantValue({ get: (code: string) => (code === 'sandbox' ? unavailable : undefined) } satisfies CardGatewayPool),
    });
    try {
      const res = await request(createHttpApp(other)).get('/csp/storefront');
      expect(origins(res.body.policy)).toEqual([]);
      await other.get(Kernel.Config).set(P.CardGateway, 'acme');
      expect(origins((await request(createHttpApp(other)).get('/csp/storefront')).body.policy)).toEqual([]);
    } finally {
      await other.close();
    }
    const unknownStore = await request(web).get('/csp/storefront').set('Store', 'nope');
    expect([unknownStore.status, unknownStore.body.message]).toEqual([400, 'Requested store is not found']);
  });
});
