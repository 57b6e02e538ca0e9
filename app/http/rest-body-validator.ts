import type { ZodType } from 'zod';
import { InputError } from '../graphql/errors';

/**
 * API-03: a route's zod schema is an allowlist. Fields it does not know are refused rather than stripped (zod's default),
 * whether or not the schema was declared strict, so a client learns at once that `price` or `group_id` is not accepted.
 * A route with no schema accepts no body; an optional schema accepts none or a valid one.
 */
export function validateRestBody(schema: ZodType | undefined, body: unknown): unknown {
  if (!schema) {
    if (body === undefined || (isPlainObject(body) && Object.keys(body).length === 0)) return undefined;
    throw new InputError('This endpoint accepts no request body.');
  }
  if (body === undefined) {
    // A schema declared `.optional()` lets the client leave the body out (Magento's POST /V1/order/:id/ship, all fields optional).
    if (schema.isOptional()) return undefined;
    throw new InputError('A JSON request body is required.');
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    const unknown: string[] = [];
    const invalid: string[] = [];
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') unknown.push(...issue.keys.map((key) => fieldPath([...issue.path, key])));
      else invalid.push(`${fieldPath(issue.path) || '(body)'}: ${issue.message}`);
    }
    throw new InputError(describe(unknown, invalid));
  }
  const unknown = strippedFields(body, result.data, []);
  if (unknown.length) throw new InputError(describe(unknown, []));
  return result.data;
}

/** Keys present in the input but dropped from the parsed output: what a non-strict object schema silently stripped. */
function strippedFields(input: unknown, output: unknown, path: PropertyKey[]): string[] {
  if (Array.isArray(input) && Array.isArray(output)) {
    return input.flatMap((item, index) => (index < output.length ? strippedFields(item, output[index], [...path, index]) : []));
  }
  if (!isPlainObject(input) || !isPlainObject(output)) return [];
  const found: string[] = [];
  for (const key of Object.keys(input)) {
    if (!Object.hasOwn(output, key)) found.push(fieldPath([...path, key]));
    else found.push(...strippedFields(input[key], output[key], [...path, key]));
  }
  return found;
}

function describe(unknown: string[], invalid: string[]): string {
  const parts: string[] = [];
  if (unknown.length) parts.push(`Unknown field(s) in the request body: ${unknown.join(', ')}.`);
  if (invalid.length) parts.push(`Invalid field(s) in the request body: ${invalid.join('; ')}.`);
  return parts.join(' ');
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
