import { inject, injectable } from 'inversify';
import type { TotalsCollector, TotalsCollectorPool } from '../api/totals';
import { SalesInternal } from '../model/sales-internal-tokens';

@injectable()
export class DefaultTotalsCollectorPool implements TotalsCollectorPool {
  private readonly collectors: TotalsCollector[];

  constructor(
    @inject(SalesInternal.SubtotalCollector) subtotal: TotalsCollector,
    @inject(SalesInternal.DiscountCollector) discount: TotalsCollector,
    @inject(SalesInternal.ShippingCollector) shipping: TotalsCollector,
    @inject(SalesInternal.TaxCollector) tax: TotalsCollector,
    @inject(SalesInternal.GrandTotalCollector) grandTotal: TotalsCollector,
  ) {
    this.collectors = [subtotal, discount, shipping, tax, grandTotal];
  }

  list(): TotalsCollector[] {
    return this.collectors;
  }
}
