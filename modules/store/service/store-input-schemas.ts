import { z, type ZodType } from 'zod';
import { InputError } from '../../../app';
import {
  baseUrlSchema,
  currencyCodeSchema,
  localeCodeSchema,
  storeNameSchema,
  timezoneSchema,
  weightUnitSchema,
} from '../config/store-value-schemas';

/** Magento's rule for website, group and store view codes (they end up in URLs and the Store header). */
export const SCOPE_CODE_PATTERN = /^[a-z][a-z0-9_]{0,31}$/;

export const scopeCodeSchema = z
  .string({ error: 'a code is required' })
  .regex(SCOPE_CODE_PATTERN, {
    error: (issue) =>
      `"${String(issue.input)}" is not a valid code: use lowercase letters (a-z), digits (0-9) and underscores (_), start with a letter, at most 32 characters`,
  });

const nameSchema = (max: number) => z.string({ error: 'a name is required' }).trim().min(1, { error: 'a name is required' }).max(max);
const sortOrderSchema = z.number().int().min(0).max(65535);

export const scopeSettingsSchema = z
  .object({
    locale: localeCodeSchema.optional(),
    timezone: timezoneSchema.optional(),
    currency: currencyCodeSchema.optional(),
    weightUnit: weightUnitSchema.optional(),
    baseUrl: baseUrlSchema.optional(),
    secureBaseUrl: baseUrlSchema.optional(),
    baseLinkUrl: baseUrlSchema.optional(),
    secureBaseLinkUrl: baseUrlSchema.optional(),
    baseMediaUrl: baseUrlSchema.optional(),
    secureBaseMediaUrl: baseUrlSchema.optional(),
    storeInformationName: storeNameSchema.optional(),
  })
  .strict();

export const websiteInputSchema = z
  .object({ code: scopeCodeSchema, name: nameSchema(64), sortOrder: sortOrderSchema.default(0), settings: scopeSettingsSchema.optional() })
  .strict();

export const storeGroupInputSchema = z
  .object({ code: scopeCodeSchema, name: nameSchema(255), website: scopeCodeSchema.optional(), rootCategoryId: z.number().int().min(0).optional() })
  .strict();

export const storeViewInputSchema = z
  .object({
    code: scopeCodeSchema,
    name: nameSchema(255),
    website: scopeCodeSchema.optional(),
    group: scopeCodeSchema.optional(),
    sortOrder: sortOrderSchema.default(0),
    isActive: z.boolean().default(true),
    settings: scopeSettingsSchema.optional(),
  })
  .strict();

export type ScopeSettings = z.infer<typeof scopeSettingsSchema>;

/** Parses or throws one InputError listing every problem, each prefixed by the field it concerns. */
export function parseInput<T>(schema: ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  throw new InputError(`Invalid ${what}: ${problems.join('; ')}`);
}
