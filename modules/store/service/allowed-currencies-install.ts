import type { SetupContext } from '../../../app';
import { StoreConfigPath as P } from '../api/store-config-paths';

/**
 * Install hook. setup:install --currency sets the base and display currencies at the default scope; Magento's installer also
 * adds them to the allowed currencies, and so does this, so a shop installed with --currency GBP does not disallow its own currency.
 */
export async function allowInstalledCurrencies({ app }: SetupContext): Promise<void> {
  const config = app.config;
  const allowed = (await config.get<string[] | null>(P.AllowedCurrencies)) ?? [];
  const needed = [await config.get<string>(P.BaseCurrency), await config.get<string>(P.DefaultDisplayCurrency)];
  const missing = needed.filter((code, i) => !allowed.includes(code) && needed.indexOf(code) === i);
  if (missing.length) await config.set(P.AllowedCurrencies, [...allowed, ...missing]);
}
