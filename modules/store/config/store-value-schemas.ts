import { z } from 'zod';
import { baseUrlProblem } from './base-url';
import { isValidCurrencyCode } from './currency-code';
import { isValidLocaleCode } from './locale-code';
import { isValidTimezone } from './timezone';

export const baseUrlSchema = z.string().superRefine((value, ctx) => {
  const problem = baseUrlProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `"${value}" ${problem}` });
});

export const localeCodeSchema = z
  .string()
  .refine(isValidLocaleCode, { error: (issue) => `"${String(issue.input)}" is not a valid locale code (expected language_REGION, e.g. en_US or fr_FR)` });

export const timezoneSchema = z
  .string()
  .refine(isValidTimezone, { error: (issue) => `"${String(issue.input)}" is not a valid IANA time zone (e.g. Europe/Paris, America/Los_Angeles, UTC)` });

export const currencyCodeSchema = z
  .string()
  .refine(isValidCurrencyCode, { error: (issue) => `"${String(issue.input)}" is not an ISO 4217 currency code (e.g. USD, EUR)` });

/** Accepts Magento's stored form ("USD,EUR"), a JSON array, or an array; yields the distinct codes. */
export const currencyListSchema = z.preprocess(
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
    .array(currencyCodeSchema)
    .min(1, { error: 'at least one currency must be allowed' })
    .transform((codes) => [...new Set(codes)]),
);

export const weightUnitSchema = z.enum(['lbs', 'kgs']);

export const storeNameSchema = z.string().max(255);
