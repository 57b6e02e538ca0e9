import type { ConfigService } from '../../../app';
import { InputError } from '../../../app';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import type { PaymentInput, PaymentMethod, PaymentResult } from '../api/payment';
import type { Cart } from '../api/sales-entities';
import type { Totals } from '../api/totals';

/** Offline methods authorize nothing: the merchant collects the money outside the shop. */
abstract class OfflineMethod implements PaymentMethod {
  abstract readonly code: string;
  readonly isDeferred = false;
  protected abstract readonly activePath: string;
  protected abstract readonly titlePath: string;

  constructor(protected readonly config: ConfigService) {}

  title(storeCode: string): Promise<string> {
    return this.config.getForStore<string>(this.titlePath, storeCode);
  }

  async isAvailable(_cart: Cart, totals: Totals, storeCode: string): Promise<boolean> {
    return (await this.config.getForStore<boolean>(this.activePath, storeCode)) && totals.grandTotal > 0;
  }

  async assign(_cart: Cart, _input: PaymentInput): Promise<Record<string, unknown> | null> {
    return null;
  }

  async authorize(): Promise<PaymentResult> {
    return { transactionId: null, amountAuthorized: 0 };
  }
}

export class CheckmoMethod extends OfflineMethod {
  readonly code = 'checkmo';
  protected readonly activePath = P.CheckmoActive;
  protected readonly titlePath = P.CheckmoTitle;
}

export class PurchaseOrderMethod extends OfflineMethod {
  readonly code = 'purchaseorder';
  protected readonly activePath = P.PurchaseOrderActive;
  protected readonly titlePath = P.PurchaseOrderTitle;

  async assign(_cart: Cart, input: PaymentInput): Promise<Record<string, unknown> | null> {
    const number = String(input.purchaseOrderNumber ?? '').trim();
    if (!number) throw new InputError('Purchase order number is a required field.');
    if (number.length > 64) throw new InputError('The purchase order number must be at most 64 characters.');
    return null;
  }
}

/** Magento's "free" (zero subtotal checkout): the only method offered, and only, when there is nothing to pay. */
export class FreeMethod extends OfflineMethod {
  readonly code = 'free';
  protected readonly activePath = P.FreeActive;
  protected readonly titlePath = P.FreeTitle;

  async isAvailable(_cart: Cart, totals: Totals, storeCode: string): Promise<boolean> {
    return (await this.config.getForStore<boolean>(this.activePath, storeCode)) && totals.grandTotal === 0 && totals.lines.length > 0;
  }
}
