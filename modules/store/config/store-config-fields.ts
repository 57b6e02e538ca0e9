import { z } from 'zod';
import type { ConfigFieldDeclaration } from '../../../app';
import { StoreConfigPath as P } from '../api/store-config-paths';
import {
  baseUrlSchema,
  currencyCodeSchema,
  currencyListSchema,
  localeCodeSchema,
  storeNameSchema,
  timezoneSchema,
  weightUnitSchema,
} from './store-value-schemas';

const DEFAULT_BASE_URL = 'https://localhost/';

/**
 * Defaults follow Magento's config.xml (Store, Directory), with three deliberate differences: base URLs default to
 * https://localhost/ instead of the {{base_url}} placeholder; link/static/media URLs have no default and are derived from the
 * base URL of their kind when unset (what Magento's placeholders resolve to); the two use_in flags default to on, as Magento's
 * Backend module sets them, since secure by default is the point. Scopes follow Magento's system.xml, except timezone, which
 * may be set per store view here so each view can serve its own locale and time zone.
 */
export const storeConfigFields: Record<string, ConfigFieldDeclaration> = {
  [P.UnsecureBaseUrl]: { schema: baseUrlSchema, default: DEFAULT_BASE_URL, label: 'Base URL' },
  [P.UnsecureBaseLinkUrl]: { schema: baseUrlSchema, label: 'Base Link URL (the base URL when empty)' },
  [P.UnsecureBaseStaticUrl]: { schema: baseUrlSchema, label: 'Base URL for Static View Files (base URL + static/ when empty)' },
  [P.UnsecureBaseMediaUrl]: { schema: baseUrlSchema, label: 'Base URL for User Media Files (base URL + media/ when empty)' },
  [P.SecureBaseUrl]: { schema: baseUrlSchema, default: DEFAULT_BASE_URL, label: 'Secure Base URL' },
  [P.SecureBaseLinkUrl]: { schema: baseUrlSchema, label: 'Secure Base Link URL (the secure base URL when empty)' },
  [P.SecureBaseStaticUrl]: { schema: baseUrlSchema, label: 'Secure Base URL for Static View Files (secure base URL + static/ when empty)' },
  [P.SecureBaseMediaUrl]: { schema: baseUrlSchema, label: 'Secure Base URL for User Media Files (secure base URL + media/ when empty)' },
  [P.SecureUseInFrontend]: { schema: z.boolean(), default: true, label: 'Use Secure URLs on Storefront' },
  [P.SecureUseInAdminhtml]: { schema: z.boolean(), default: true, scopes: ['default'], label: 'Use Secure URLs in Admin' },
  [P.UseStoreInUrl]: { schema: z.boolean(), default: false, scopes: ['default'], label: 'Add Store Code to Urls' },
  [P.LocaleCode]: { schema: localeCodeSchema, default: 'en_US', label: 'Locale' },
  [P.Timezone]: { schema: timezoneSchema, default: 'America/Los_Angeles', label: 'Timezone' },
  [P.WeightUnit]: { schema: weightUnitSchema, default: 'lbs', label: 'Weight Unit' },
  [P.BaseCurrency]: { schema: currencyCodeSchema, default: 'USD', scopes: ['default', 'websites'], label: 'Base Currency' },
  [P.DefaultDisplayCurrency]: { schema: currencyCodeSchema, default: 'USD', label: 'Default Display Currency' },
  [P.AllowedCurrencies]: { schema: currencyListSchema, default: ['USD', 'EUR'], label: 'Allowed Currencies' },
  [P.StoreInformationName]: { schema: storeNameSchema, label: 'Store Name' },
};
