import { InputError } from '../../../app';
import { CUSTOMER_GENDERS } from '../api/customer-entities';
import type { CustomerPersonalInput } from '../api/customer-account';

/** Personal fields as stored (before encryption): trimmed, empty strings as null. */
export interface CleanPersonalFields {
  prefix?: string | null;
  firstname?: string;
  middlename?: string | null;
  lastname?: string;
  suffix?: string | null;
  dob?: string | null;
  taxvat?: string | null;
  gender?: number | null;
  isSubscribed?: boolean;
}

const LABELS: Record<string, string> = { firstname: 'First Name', lastname: 'Last Name' };
// Control characters never belong in a name; they are how log and header injection start.
const CONTROL = /[\u0000-\u001f\u007f]/;

function text(field: string, value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const trimmed = value.trim();
  if (trimmed.length > 255) throw new InputError(`The "${field}" value must be at most 255 characters.`);
  if (CONTROL.test(trimmed)) throw new InputError(`Invalid value of "${trimmed}" provided for the ${field} field.`);
  return trimmed === '' ? null : trimmed;
}

/** YYYY-MM-DD of a real past date; a time part ("1990-05-01 00:00:00", ISO) is dropped. */
export function cleanDob(value: string | null | undefined, today: Date): string | null | undefined {
  if (value === undefined || value === null) return value;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$/.exec(trimmed);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  const valid = date && date.toISOString().slice(0, 10) === `${match![1]}-${match![2]}-${match![3]}` && date.getUTCFullYear() >= 1900 && date <= today;
  if (!valid) throw new InputError(`Invalid value of "${trimmed}" provided for the dob field.`);
  return date!.toISOString().slice(0, 10);
}

/**
 * Validates the personal fields of a create or an update. `requireNames`: creation, where first and last names must be given;
 * on update they may be left out but not emptied.
 */
export function cleanPersonalInput(input: CustomerPersonalInput, options: { requireNames: boolean; today: Date }): CleanPersonalFields {
  const out: CleanPersonalFields = {};
  const missing: string[] = [];
  for (const field of ['firstname', 'lastname'] as const) {
    const value = text(field, input[field]);
    if (value === undefined && !options.requireNames) continue;
    if (!value) missing.push(LABELS[field]);
    else out[field] = value;
  }
  if (missing.length) throw new InputError(`Required parameters are missing: ${missing.join(', ')}`);
  for (const field of ['prefix', 'middlename', 'suffix', 'taxvat'] as const) {
    const value = text(field, input[field]);
    if (value !== undefined) out[field] = value;
  }
  const dob = cleanDob(input.dob, options.today);
  if (dob !== undefined) out.dob = dob;
  if (input.gender !== undefined) {
    // 0 and null both mean "not set", as in Magento's forms.
    if (input.gender !== null && input.gender !== 0 && !(CUSTOMER_GENDERS as readonly number[]).includes(input.gender)) {
      throw new InputError(`"${input.gender}" is not a valid gender value.`);
    }
    out.gender = input.gender || null;
  }
  if (input.isSubscribed !== undefined && input.isSubscribed !== null) out.isSubscribed = input.isSubscribed;
  return out;
}
