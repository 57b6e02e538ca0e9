import { InputError } from '../../../app';

/** Uids already encoded: listings encode the same few thousand ids (products, options, option values) on every request. */
const encoded = new Map<string, string>();
const ENCODED_MAX = 50_000;

/** Magento's uid: the base64 of the id. */
export function encodeUid(id: number | string): string {
  const text = String(id);
  let uid = encoded.get(text);
  if (uid === undefined) {
    uid = Buffer.from(text, 'utf8').toString('base64');
    if (encoded.size >= ENCODED_MAX) encoded.clear();
    encoded.set(text, uid);
  }
  return uid;
}

/** The id in a uid, or Magento's error for anything that is not the base64 of a positive integer. */
export function decodeUid(uid: string): number {
  const text = String(uid).trim();
  const decoded = /^[A-Za-z0-9+/]+={0,2}$/.test(text) ? Buffer.from(text, 'base64').toString('utf8') : '';
  if (!/^[1-9]\d{0,9}$/.test(decoded) || encodeUid(decoded) !== text) throw new InputError(`Value of uid "${uid}" is incorrect.`);
  return Number(decoded);
}
