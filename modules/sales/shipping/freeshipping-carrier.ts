import { inject, injectable } from 'inversify';
import { Kernel, type ConfigService } from '../../../app';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import type { Carrier, RateRequest, ShippingRate } from '../api/totals';
import { toMinor } from './money-config';

/** Magento's freeshipping: offered once the subtotal after discount reaches free_shipping_subtotal. */
@injectable()
export class FreeShippingCarrier implements Carrier {
  readonly code = 'freeshipping';

  constructor(@inject(Kernel.Config) private readonly config: ConfigService) {}

  async rates(request: RateRequest): Promise<ShippingRate[]> {
    const store = request.storeCode;
    if (!(await this.config.getForStore<boolean>(P.FreeShippingActive, store))) return [];
    const threshold = toMinor(await this.config.getForStore<string>(P.FreeShippingSubtotal, store), request.totals.currencyDigits);
    if (request.totals.subtotal - request.totals.discount < threshold) return [];
    return [
      {
        carrierCode: 'freeshipping',
        methodCode: 'freeshipping',
        carrierTitle: await this.config.getForStore<string>(P.FreeShippingTitle, store),
        methodTitle: await this.config.getForStore<string>(P.FreeShippingName, store),
        amount: 0,
        available: true,
        errorMessage: null,
      },
    ];
  }
}
