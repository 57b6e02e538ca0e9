import type { TestApp } from '../../../app/testing/test-app';
import { StoreConfigPath as P } from '../api';
import { createStoreTestApp } from './store-test-app';

describe('store config fields', () => {
  describe('with module defaults', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createStoreTestApp();
    });
    afterAll(() => app?.close());

    it("declares Magento's paths with Magento's defaults (https://localhost/ for base URLs)", async () => {
      const values = Object.fromEntries((await app.config.show({ scope: 'default' })).map((v) => [v.path, v.value]));
      expect(values).toMatchObject({
        [P.UnsecureBaseUrl]: 'https://localhost/',
        [P.SecureBaseUrl]: 'https://localhost/',
        [P.UnsecureBaseLinkUrl]: null,
        [P.SecureBaseMediaUrl]: null,
        [P.SecureUseInFrontend]: true,
        [P.SecureUseInAdminhtml]: true,
        [P.UseStoreInUrl]: false,
        [P.LocaleCode]: 'en_US',
        [P.Timezone]: 'America/Los_Angeles',
        [P.WeightUnit]: 'lbs',
        [P.BaseCurrency]: 'USD',
        [P.DefaultDisplayCurrency]: 'USD',
        [P.AllowedCurrencies]: ['USD', 'EUR'],
        [P.StoreInformationName]: null,
      });
    });

    it('validates values on every path, whatever the scope', async () => {
      await expect(app.config.set(P.SecureBaseUrl, 'https://example.com')).rejects.toThrow(/must end with '\/'/);
      await expect(app.config.set(P.UnsecureBaseMediaUrl, 'media/', { scope: 'stores', code: 'default' })).rejects.toThrow(/absolute URL/);
      await expect(app.config.set(P.LocaleCode, 'klingon', { scope: 'websites', code: 'base' })).rejects.toThrow(/not a valid locale code/);
      await expect(app.config.set(P.Timezone, 'Paris')).rejects.toThrow(/not a valid IANA time zone/);
      await expect(app.config.set(P.WeightUnit, 'stone')).rejects.toThrow(/Invalid value/);
      await expect(app.config.set(P.DefaultDisplayCurrency, 'EURO')).rejects.toThrow(/ISO 4217/);
      await app.config.set(P.AllowedCurrencies, 'USD,EUR,GBP', { scope: 'websites', code: 'base' });
      expect(await app.config.getForStore(P.AllowedCurrencies, 'default')).toEqual(['USD', 'EUR', 'GBP']);
    });

    it("keeps Magento's scopes: base currency per website at most, store code in URLs and admin HTTPS globally", async () => {
      await expect(app.config.set(P.BaseCurrency, 'EUR', { scope: 'stores', code: 'default' })).rejects.toThrow(/cannot be set at the stores scope/);
      await expect(app.config.set(P.UseStoreInUrl, '1', { scope: 'websites', code: 'base' })).rejects.toThrow(/cannot be set at the websites scope/);
      await expect(app.config.set(P.SecureUseInAdminhtml, '0', { scope: 'stores', code: 'default' })).rejects.toThrow(/cannot be set at the stores scope/);
      await app.config.set(P.Timezone, 'Europe/Paris', { scope: 'stores', code: 'default' });
      expect(await app.config.getForStore(P.Timezone, 'default')).toBe('Europe/Paris');
    });
  });

  describe('with setup:install options', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createStoreTestApp({
        install: {
          baseUrl: 'https://shop.example.com/',
          baseUrlSecure: 'https://shop.example.com/',
          language: 'en_GB',
          currency: 'GBP',
          timezone: 'Europe/London',
          useSecure: true,
          useSecureAdmin: true,
        },
      });
    });
    afterAll(() => app?.close());

    it('stores each option under its Magento path, and allows the installed currency', async () => {
      expect(await app.config.getForStore(P.UnsecureBaseUrl, 'default')).toBe('https://shop.example.com/');
      expect(await app.config.getForStore(P.SecureBaseUrl, 'default')).toBe('https://shop.example.com/');
      expect(await app.config.getForStore(P.LocaleCode, 'default')).toBe('en_GB');
      expect(await app.config.getForStore(P.BaseCurrency, 'default')).toBe('GBP');
      expect(await app.config.getForStore(P.DefaultDisplayCurrency, 'default')).toBe('GBP');
      expect(await app.config.getForStore(P.AllowedCurrencies, 'default')).toEqual(['USD', 'EUR', 'GBP']);
      expect(await app.config.getForStore(P.Timezone, 'default')).toBe('Europe/London');
    });

    it('refuses an install option that is not a valid value', async () => {
      await expect(createStoreTestApp({ install: { baseUrlSecure: 'https://shop.example.com' } })).rejects.toThrow(/must end with '\/'/);
    });
  });
});
