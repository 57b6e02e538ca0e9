import { inject, injectable } from 'inversify';
import { Kernel, type ConfigService } from '../../../app';
import type { PaymentMethod } from '../api/payment';
import { SalesInternal } from '../model/sales-internal-tokens';
import { CheckmoMethod, FreeMethod, PurchaseOrderMethod } from './offline-methods';

/** The methods offered at checkout, in this order; a module adds its own with an `after` plugin on list(). */
@injectable()
export class DefaultPaymentMethodPool {
  private readonly methods: PaymentMethod[];

  constructor(@inject(Kernel.Config) config: ConfigService, @inject(SalesInternal.CardMethod) card: PaymentMethod, @inject(SalesInternal.CardVaultMethod) vault: PaymentMethod) {
    this.methods = [new CheckmoMethod(config), new PurchaseOrderMethod(config), new FreeMethod(config), card, vault];
  }

  list(): PaymentMethod[] {
    return this.methods;
  }
}
