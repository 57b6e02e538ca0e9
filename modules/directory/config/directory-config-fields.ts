import { z } from 'zod';
import type { ConfigFieldDeclaration } from '../../../app';
import { DirectoryConfigPath as P } from '../api/directory-config-paths';
import { ISO_COUNTRIES } from '../data/iso-countries';

const KNOWN = new Set(ISO_COUNTRIES.map((c) => c.iso2));

/** Magento stores country lists as "US,CA"; a JSON array or an array is accepted too. Yields distinct upper-case codes. */
export const countryListSchema = z.preprocess(
  (value) => {
    if (typeof value !== 'string') return value;
    const text = value.trim();
    if (text.startsWith('[')) {
      try {
        return JSON.parse(text);
      } catch {
        return value;
      }
    }
    return text === '' ? [] : text.split(',').map((code) => code.trim());
  },
  z
    .array(
      z
        .string()
        .transform((code) => code.toUpperCase())
        .refine((code) => KNOWN.has(code), { error: (issue) => `"${String(issue.input)}" is not a country code of the directory (ISO 3166-1 alpha-2)` }),
    )
    .transform((codes) => [...new Set(codes)]),
);

/**
 * Magento_Directory's defaults. Magento's installer marks every country with predefined regions as requiring one; only the US
 * and Canada have predefined regions here, so they are the default.
 */
export const directoryConfigFields: Record<string, ConfigFieldDeclaration> = {
  [P.StateRequired]: { schema: countryListSchema, default: ['US', 'CA'], label: 'State is Required for' },
  [P.OptionalZipCountries]: { schema: countryListSchema, default: ['HK', 'IE', 'MO', 'PA', 'GB'], label: 'Zip/Postal Code is Optional for' },
  [P.DefaultCountry]: {
    schema: z
      .string()
      .transform((code) => code.trim().toUpperCase())
      .refine((code) => KNOWN.has(code), { error: (issue) => `"${String(issue.input)}" is not a country code of the directory (ISO 3166-1 alpha-2)` }),
    default: 'US',
    label: 'Default Country',
  },
  [P.DisplayAllRegions]: { schema: z.boolean(), default: true, label: 'Allow to Choose State if It is Optional for Country' },
};
