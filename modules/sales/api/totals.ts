import type { Product } from '../../catalog/api';
import type { Cart, CartAddress, CartItem } from './sales-entities';

/**
 * Rounding (documented in README "Sales and payments"): every amount is an integer in minor units. A line's row total is
 * unit price × qty (exact). Percentages (discount, tax) are applied per line and rounded half-up on that line; a fixed cart
 * discount is spread over lines in proportion to their row totals, the last line taking the remainder, so the parts add up
 * exactly. Tax is computed per line on the row total after discount (catalog prices exclude tax).
 */
export function percentOf(amount: number, percent: number): number {
  const rate = Math.round(percent * 10_000);
  return Math.floor((amount * rate + 500_000) / 1_000_000);
}

export interface TotalsLine {
  item: CartItem;
  /** The product ordered: a simple product, or the configurable's chosen child. */
  product: Product;
  /** The product listed in the cart (the configurable parent, or the product itself). */
  parent: Product;
  unitPrice: number;
  rowTotal: number;
  discount: number;
  /** The line's part of each discount in `Totals.discounts` that took something off it (they add up to `discount`). */
  discounts: Array<{ label: string; amount: number; couponCode: string | null }>;
  taxAmount: number;
  taxPercent: number;
}

export interface ShippingRate {
  carrierCode: string;
  methodCode: string;
  carrierTitle: string;
  methodTitle: string;
  amount: number;
  available: boolean;
  errorMessage: string | null;
}

export interface Totals {
  currency: string;
  currencyDigits: number;
  lines: TotalsLine[];
  totalQty: number;
  isVirtual: boolean;
  subtotal: number;
  discount: number;
  discounts: Array<{ label: string; amount: number; couponCode: string | null }>;
  shipping: number;
  shippingTax: number;
  shippingRate: ShippingRate | null;
  tax: number;
  appliedTaxes: Array<{ label: string; amount: number }>;
  grandTotal: number;
}

export interface TotalsInput {
  cart: Cart;
  storeCode: string;
  today: string;
  shippingAddress: CartAddress | null;
  billingAddress: CartAddress | null;
}

/**
 * One step of the totals (Magento's total collectors): they run in sortOrder, each reading what earlier ones wrote. A collector
 * that waits for nothing may answer synchronously (a cart's totals are worked out several times per checkout, and each
 * awaited step costs promises).
 */
export interface TotalsCollector {
  code: string;
  sortOrder: number;
  collect(input: TotalsInput, totals: Totals): Promise<void> | void;
}

/** The collectors that run; add one with an `after` plugin on `list` (DI), or replace the pool by preference. */
export interface TotalsCollectorPool {
  list(): TotalsCollector[];
}

/** What a carrier is asked for: the destination and the cart's amounts after discount. */
export interface RateRequest {
  storeCode: string;
  address: CartAddress;
  totals: Totals;
}

export interface Carrier {
  code: string;
  /** Rates for this destination; an empty list when the carrier does not ship there or is disabled. */
  rates(request: RateRequest): Promise<ShippingRate[]>;
}

/** The carriers offered; add one with an `after` plugin on `list`. */
export interface CarrierPool {
  list(): Carrier[];
}
