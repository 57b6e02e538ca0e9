import type { PriceAmount, StoreCatalogContext } from '../api/pricing';

export interface MoneyOutput {
  value: number;
  currency: string;
}

/** Minor units to the API's major-unit Money (12.5 for 1250 cents). */
export function money(minor: number, store: StoreCatalogContext): MoneyOutput {
  return { value: minor / 10 ** store.currencyDigits, currency: store.currency };
}

export function productPrice(amount: PriceAmount, store: StoreCatalogContext) {
  const off = amount.regular - amount.final;
  return {
    regular_price: money(amount.regular, store),
    final_price: money(amount.final, store),
    discount: {
      amount_off: off / 10 ** store.currencyDigits,
      percent_off: amount.regular > 0 ? Math.round((off / amount.regular) * 10000) / 100 : 0,
    },
  };
}
