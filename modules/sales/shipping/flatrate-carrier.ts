import { inject, injectable } from 'inversify';
import { Kernel, type ConfigService } from '../../../app';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import type { Carrier, RateRequest, ShippingRate } from '../api/totals';
import { toMinor } from './money-config';

/** Magento's flatrate: a fixed price per item (type I) or per order (type O). */
@injectable()
export class FlatrateCarrier implements Carrier {
  readonly code = 'flatrate';

  constructor(@inject(Kernel.Config) private readonly config: ConfigService) {}

  async rates(request: RateRequest): Promise<ShippingRate[]> {
    const store = request.storeCode;
    if (!(await this.config.getForStore<boolean>(P.FlatrateActive, store))) return [];
    const price = toMinor(await this.config.getForStore<string>(P.FlatratePrice, store), request.totals.currencyDigits);
    const perItem = (await this.config.getForStore<string>(P.FlatrateType, store)) === 'I';
    const physicalQty = request.totals.lines.filter((l) => l.product.typeId !== 'virtual').reduce((n, l) => n + l.item.qty, 0);
    return [
      {
        carrierCode: 'flatrate',
        methodCode: 'flatrate',
        carrierTitle: await this.config.getForStore<string>(P.FlatrateTitle, store),
        methodTitle: await this.config.getForStore<string>(P.FlatrateName, store),
        amount: perItem ? price * physicalQty : price,
        available: true,
        errorMessage: null,
      },
    ];
  }
}
