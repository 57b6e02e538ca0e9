/** A decimal config amount ("5.00", Magento's way of storing prices) in minor units, rounded half-up. */
export function toMinor(value: string, digits: number): number {
  const [whole, fraction = ''] = String(value).split('.');
  const padded = (fraction + '0'.repeat(digits + 1)).slice(0, digits + 1);
  const scaled = Number(whole) * 10 ** digits + Number(padded.slice(0, digits) || 0);
  return Number(padded[digits]) >= 5 ? scaled + 1 : scaled;
}
