import { z } from 'zod';
import type { ConfigFieldDeclaration } from '../../../app';
import { RATE_LIMIT_GROUPS, rateLimitPath, WebSecurityConfigPath } from '../api/web-security-config-paths';
import { RATE_LIMIT_DEFAULTS } from './rate-limit-defaults';

const GRAPHQL_FIELD = /^[_A-Za-z][_0-9A-Za-z]*$/;
const REST_ROUTE = /^(GET|POST|PUT|DELETE|PATCH) \/V1(\/[A-Za-z0-9_\-.*:]+)+$/;

/** A list of operations: a JSON array, or names separated by commas or new lines. */
export const operationListSchema = z.preprocess(
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
    return text === '' ? [] : text.split(/[\n,]/).map((entry) => entry.trim()).filter(Boolean);
  },
  z.array(
    z.string().refine((entry) => GRAPHQL_FIELD.test(entry) || REST_ROUTE.test(entry), {
      error: (issue) => `"${String(issue.input)}" is neither a GraphQL field name (placeOrder) nor a REST route (POST /V1/integration/admin/token, * for one segment)`,
    }),
  ),
);

const limitSchema = z.coerce.number().int().min(0).max(1_000_000);
const windowSchema = z.coerce.number().int().min(1).max(86_400);

function groupFields(): Record<string, ConfigFieldDeclaration> {
  const fields: Record<string, ConfigFieldDeclaration> = {};
  for (const group of RATE_LIMIT_GROUPS) {
    const d = RATE_LIMIT_DEFAULTS[group];
    fields[rateLimitPath(group, 'per_ip')] = { schema: limitSchema, default: d.perIp, scopes: ['default'], label: `${d.label}: hits per client IP per window (0: no IP limit)` };
    fields[rateLimitPath(group, 'per_account')] = { schema: limitSchema, default: d.perAccount, scopes: ['default'], label: `${d.label}: hits per account per window (0: no account limit)` };
    fields[rateLimitPath(group, 'window')] = { schema: windowSchema, default: d.windowSeconds, scopes: ['default'], label: `${d.label}: window in seconds` };
    fields[rateLimitPath(group, 'operations')] = { schema: operationListSchema, default: d.operations, scopes: ['default'], label: `${d.label}: GraphQL fields and REST routes limited` };
  }
  return fields;
}

/** Limits are global (default scope only): a per-store-view limit would let a client pick the weakest store view. */
export const webSecurityConfigFields: Record<string, ConfigFieldDeclaration> = {
  [WebSecurityConfigPath.RateLimitEnabled]: { schema: z.boolean(), default: true, scopes: ['default'], label: 'Rate limits on (API-05, PAY-05)' },
  [WebSecurityConfigPath.CardGuardBrandRangesOnly]: {
    schema: z.boolean(),
    default: true,
    scopes: ['default'],
    label: 'Card-data guard: refuse numbers in card brands\' ranges only (off: any Luhn-valid 13-19 digit number)',
  },
  ...groupFields(),
};
