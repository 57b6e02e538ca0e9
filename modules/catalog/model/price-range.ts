import { finalPriceOf, type PriceRange } from '../api/pricing';
import { ProductStatus } from '../api/product';
import type { ProductCore } from './product-core';

/** Enabled, flagged in stock, and something left to sell. */
export function isSalable(core: ProductCore): boolean {
  return core.status === ProductStatus.Enabled && core.stock.isInStock && core.stock.salableQty > 0;
}

/** A configurable is salable when flagged in stock and one of its enabled children is. */
export function isConfigurableSalable(core: ProductCore, children: ProductCore[]): boolean {
  return core.status === ProductStatus.Enabled && core.stock.isInStock && children.some(isSalable);
}

/**
 * Minimum and maximum regular/final prices on `today`: a product's own, or for a configurable the extremes over its salable
 * enabled children (all enabled children when none is salable, so an out-of-stock configurable still shows a price).
 */
export function priceRangeOf(core: ProductCore, children: ProductCore[] | null, today: string): PriceRange {
  if (core.typeId !== 'configurable') {
    const amount = { regular: core.price, final: finalPriceOf(core, today) };
    return { minimum: amount, maximum: { ...amount } };
  }
  const enabled = (children ?? []).filter((c) => c.status === ProductStatus.Enabled);
  const salable = enabled.filter(isSalable);
  const pool = salable.length ? salable : enabled;
  if (!pool.length) {
    const amount = { regular: core.price, final: core.price };
    return { minimum: amount, maximum: { ...amount } };
  }
  const regular = pool.map((c) => c.price);
  const final = pool.map((c) => finalPriceOf(c, today));
  return {
    minimum: { regular: Math.min(...regular), final: Math.min(...final) },
    maximum: { regular: Math.max(...regular), final: Math.max(...final) },
  };
}
