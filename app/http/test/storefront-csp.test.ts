import type { Application } from '../../kernel/application';
import { buildStorefrontCsp, type CspSourceDeclaration } from '../storefront-csp';

function fakeApp(csp: CspSourceDeclaration[], warnings: unknown[]): Application {
  return {
    modules: [{ manifest: { name: 'Vendor_Pay', version: '1.0.0', http: { csp } } }],
    get: () => ({ warn: (details: unknown) => warnings.push(details) }),
  } as unknown as Application;
}

describe('storefront CSP built from modules\' declared sources', () => {
  it('PAY-04 adds only https origins to known directives; http, wildcards, keywords and unknown directives are dropped and logged', async () => {
    const warnings: unknown[] = [];
    const app = fakeApp(
      [
        {
          name: 'vendor_gateway',
          sources: async (_locator, storeCode) => ({
            'script-src': [`https://${storeCode}.pay.example.com`, 'http://pay.example.com', "'unsafe-inline'", 'https://*.example.com', 'https://pay.example.com/path'],
            'frame-src': ['https://pay.example.com:8443'],
            ...({ 'default-src': ['https://anything.example.com'] } as object),
          }),
        },
      ],
      warnings,
    );
    const csp = await buildStorefrontCsp(app, 'fr');
    expect(csp.directives['script-src']).toEqual(["'self'", 'https://fr.pay.example.com']);
    expect(csp.directives['frame-src']).toEqual(["'self'", 'https://pay.example.com:8443']);
    expect(csp.directives['default-src']).toEqual(["'self'"]);
    expect(csp.policy).toBe(
      "default-src 'self'; script-src 'self' https://fr.pay.example.com; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "frame-src 'self' https://pay.example.com:8443; form-action 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; upgrade-insecure-requests",
    );
    expect(warnings).toHaveLength(5);
  });
});
