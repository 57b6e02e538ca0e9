import { InputError } from '../../../app';
import type { RestRequest } from '../../../app';

/**
 * The store view whose values a REST call reads and writes: `/rest/V1/…` and `/rest/all/V1/…` address the default values
 * (store 0); `/rest/<store_code>/V1/…` a store view's own values. (Magento writes store view 1 for /rest/V1, a well-known
 * trap; Comptoir keeps the default values there.)
 */
export function storeIdOf(req: RestRequest<unknown>): number {
  const code = (req.raw.params as Record<string, string | undefined>).storeCode;
  return code === undefined || code === 'all' ? 0 : req.store.storeId;
}

/** An amount in major units (Magento's REST) to minor units, refusing more decimals than the currency has. */
export function toMinor(value: unknown, digits: number, field: string): number | null {
  if (value === null) return null;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) throw new InputError(`${field}: "${String(value)}" is not an amount.`);
  const scaled = number * 10 ** digits;
  const minor = Math.round(scaled);
  if (Math.abs(scaled - minor) > 1e-6) throw new InputError(`${field}: ${number} has more than ${digits} decimals.`);
  return minor;
}

export function toMajor(minor: number, digits: number): number {
  return minor / 10 ** digits;
}
