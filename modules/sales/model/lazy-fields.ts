/**
 * Defines `keys` on `target` as own enumerable getters over `load()`, called once, on the first read of any of them: for
 * values that are costly to work out (decryption) and that most callers never read. Being own enumerable properties, they
 * are seen by spreads, JSON and equality checks as plain fields would be.
 */
export function defineLazyFields<T extends object, K extends keyof T>(target: T, keys: readonly K[], load: () => Pick<T, K>): T {
  let loaded: Pick<T, K> | undefined;
  for (const key of keys) Object.defineProperty(target, key, { get: () => (loaded ??= load())[key], enumerable: true, configurable: true });
  return target;
}
