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
    const [active, configuredPrice, type, carrierTitle, methodTitle] = await this.config.getManyForStore<[boolean, string, string, string, string]>(
      [P.FlatrateActive, P.FlatratePrice, P.FlatrateType, P.FlatrateTitle, P.FlatrateName],
      request.storeCode,
    );
    if (!active) return [];
    const price = toMinor(configuredPrice, request.totals.currencyDigits);
    const perItem = type === 'I';
    const physicalQty = request.totals.lines.filter((l) => l.product.typeId !== 'virtual').reduce((n, l) => n + l.item.qty, 0);
    return [
      {
        carrierCode: 'flatrate',
        methodCode: 'flatrate',
        carrierTitle,
        methodTitle,
        amount: perItem ? price * physicalQty : price,
        available: true,
        errorMessage: null,
      },
    ];
  }
}
