/**
 * Schemes a base URL may use (TLS-01): https only, in every scope. An http base URL is how one store view of a shop ends up
 * sending its customers' addresses and card numbers in clear while the others are safe; there is no setting to allow it.
 */
export const BASE_URL_SCHEMES = ['https:'];

/**
 * Why a base URL is refused, or undefined when it is fine. Magento's rule: a fully qualified URL ending with '/'. Credentials,
 * query strings and fragments are refused too: every link the store emits is built by appending to this value.
 */
export function baseUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL such as https://example.com/';
  }
  if (url.protocol === 'http:') return 'must use https: plain http would expose customer data in transit (TLS-01)';
  if (!BASE_URL_SCHEMES.includes(url.protocol)) return `must use ${BASE_URL_SCHEMES.map((s) => s.replace(':', '')).join(' or ')}`;
  if (/\s/.test(value)) return 'must not contain spaces';
  if (url.username || url.password) return 'must not contain credentials';
  if (url.search || url.hash || value.includes('?') || value.includes('#')) return 'must not contain a query string or a fragment';
  if (!value.endsWith('/')) return "must end with '/' (for example https://example.com/shop/)";
  return undefined;
}
