// ICU's list of ISO 4217 codes (current ones; withdrawn codes such as FRF are not offered for new configuration).
const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

export function isValidCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && knownCurrencies.has(code);
}
