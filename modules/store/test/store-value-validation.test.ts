import { baseUrlProblem } from '../config/base-url';
import { isValidCurrencyCode } from '../config/currency-code';
import { isValidLocaleCode } from '../config/locale-code';
import { currencyListSchema } from '../config/store-value-schemas';
import { isValidTimezone } from '../config/timezone';
import { SCOPE_CODE_PATTERN } from '../service/store-input-schemas';

describe('store value validation', () => {
  it.each(['en_US', 'fr_FR', 'de_CH', 'pt_BR', 'zh_Hans_CN', 'sr_Latn_RS'])('accepts the locale %s', (code) => {
    expect(isValidLocaleCode(code)).toBe(true);
  });

  it.each(['', 'fr', 'fr-FR', 'FR_fr', 'fr_fr', 'xx_YY', 'en_US_POSIX', 'zh_Abcd_CN', "fr_FR'; drop table store; --"])('refuses the locale %p', (code) => {
    expect(isValidLocaleCode(code)).toBe(false);
  });

  it.each(['Europe/Paris', 'America/Los_Angeles', 'America/Argentina/Buenos_Aires', 'America/Port-au-Prince', 'UTC'])('accepts the time zone %s', (zone) => {
    expect(isValidTimezone(zone)).toBe(true);
  });

  it.each(['', 'utc', 'europe/paris', 'Europe/paris', 'EST5EDT', 'US/Eastern', 'GMT', 'Mars/Olympus', 'Europe/Nowhere'])('refuses the time zone %p', (zone) => {
    expect(isValidTimezone(zone)).toBe(false);
  });

  it('accepts ISO 4217 codes only', () => {
    for (const code of ['USD', 'EUR', 'GBP', 'JPY', 'CHF']) expect(isValidCurrencyCode(code)).toBe(true);
    for (const code of ['usd', 'EURO', 'XYZ', 'ABC', '']) expect(isValidCurrencyCode(code)).toBe(false);
  });

  it('reads allowed currencies from Magento\'s comma form, JSON or an array, without duplicates', () => {
    expect(currencyListSchema.parse('USD,EUR')).toEqual(['USD', 'EUR']);
    expect(currencyListSchema.parse(' USD , EUR,USD')).toEqual(['USD', 'EUR']);
    expect(currencyListSchema.parse('["GBP"]')).toEqual(['GBP']);
    expect(currencyListSchema.parse(['CHF', 'EUR'])).toEqual(['CHF', 'EUR']);
    expect(currencyListSchema.safeParse('').success).toBe(false);
    expect(currencyListSchema.safeParse('USD,EURO').success).toBe(false);
  });

  it('accepts absolute base URLs ending with a slash', () => {
    expect(baseUrlProblem('https://example.com/')).toBeUndefined();
    expect(baseUrlProblem('https://example.com:8443/shop/fr/')).toBeUndefined();
  });

  it('TLS-01 refuses plain http base URLs, loopback included', () => {
    for (const url of ['http://localhost/', 'http://example.com/fr/', 'HTTP://example.com/']) expect(baseUrlProblem(url)).toMatch(/must use https/);
  });

  it.each([
    ['example.com/', /absolute URL/],
    ['/shop/', /absolute URL/],
    ['https://example.com', /must end with '\/'/],
    ['https://example.com/shop', /must end with '\/'/],
    ['ftp://example.com/', /must use https/],
    ['javascript:alert(1)//', /must use/],
    ['https://user:secret@example.com/', /credentials/],
    ['https://example.com/?a=1/', /query string/],
    ['https://example.com/#top/', /query string or a fragment/],
    ['https://exa mple.com/', /absolute URL|spaces/],
  ])('refuses the base URL %p', (url, why) => {
    expect(baseUrlProblem(url)).toMatch(why);
  });

  it('uses Magento\'s code format for websites, groups and store views', () => {
    for (const code of ['fr', 'default', 'main_website_store', 'b2b', 'a'.repeat(32)]) expect(SCOPE_CODE_PATTERN.test(code)).toBe(true);
    for (const code of ['', 'Fr', '1fr', '_fr', 'fr-be', 'fr be', 'a'.repeat(33), 'é']) expect(SCOPE_CODE_PATTERN.test(code)).toBe(false);
  });
});
