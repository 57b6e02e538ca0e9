import { inject, injectable } from 'inversify';
import type { Carrier, CarrierPool } from '../api/totals';
import { SalesInternal } from '../model/sales-internal-tokens';

@injectable()
export class DefaultCarrierPool implements CarrierPool {
  constructor(
    @inject(SalesInternal.FlatrateCarrier) private readonly flatrate: Carrier,
    @inject(SalesInternal.FreeShippingCarrier) private readonly freeshipping: Carrier,
  ) {}

  list(): Carrier[] {
    return [this.flatrate, this.freeshipping];
  }
}
