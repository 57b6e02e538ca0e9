import type { RegisteredField } from './config-registry';
import { decodeValue, formatIssues } from './value-codec';

/**
 * Why a value would be refused by ConfigService.set for this field, or undefined when it would be accepted: the same reading
 * (text decoded as the field's type) and the same schema. For callers that must check before anything is written (setup:install).
 */
export function configValueProblem(field: RegisteredField, input: unknown): string | undefined {
  let candidate = input;
  if (typeof input === 'string') {
    const decoded = decodeValue(field.schema, input);
    if (decoded.ok) candidate = decoded.value;
  }
  const parsed = field.schema.safeParse(candidate);
  return parsed.success ? undefined : `Invalid value for "${field.path}": ${formatIssues(parsed.error)}`;
}
