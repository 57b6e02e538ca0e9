import { inject, injectable } from 'inversify';
import { Kernel, type ConfigService } from '../../../app';
import { InputError } from '../../../app';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import type { CardGateway, CardGatewayPool, PaymentContext, PaymentInput, PaymentMethod, PaymentResult } from '../api/payment';
import type { Cart } from '../api/sales-entities';
import { SalesApi } from '../api/tokens';
import type { Totals } from '../api/totals';

export const CARD_METHOD_CODE = 'comptoir_card';

/** What the cart keeps (encrypted) between setPaymentMethodOnCart and placeOrder. */
interface CardData {
  nonce: string;
  vault: boolean;
}

/**
 * Token-only card payments (PAY-01, PAY-04): the method takes a one-time nonce made on the gateway's domain, as Braintree's
 * `payment_method_nonce`, and authorizes it at placeOrder. Anything shaped like a card number is refused here too, as a
 * second line behind the request guard.
 */
@injectable()
export class CardMethod implements PaymentMethod {
  readonly code = CARD_METHOD_CODE;
  readonly isDeferred = false;

  constructor(
    @inject(Kernel.Config) private readonly config: ConfigService,
    @inject(SalesApi.CardGatewayPool) private readonly gateways: CardGatewayPool,
  ) {}

  title(storeCode: string): Promise<string> {
    return this.config.getForStore<string>(P.CardTitle, storeCode);
  }

  async isAvailable(_cart: Cart, totals: Totals, storeCode: string): Promise<boolean> {
    return totals.grandTotal > 0 && (await this.config.getForStore<boolean>(P.CardActive, storeCode)) && (await this.gateway(storeCode)) !== null;
  }

  /** The store's configured gateway, if installed and allowed to run here. */
  async gateway(storeCode: string): Promise<CardGateway | null> {
    const gateway = this.gateways.get(await this.config.getForStore<string>(P.CardGateway, storeCode));
    return gateway?.isAvailable() ? gateway : null;
  }

  async assign(cart: Cart, input: PaymentInput): Promise<Record<string, unknown> | null> {
    const data = input.data;
    if (!data) throw new InputError(`Required parameter "${CARD_METHOD_CODE}" for "payment_method" is missing.`);
    const nonce = data.payment_method_nonce;
    if (typeof nonce !== 'string' || !nonce.trim()) throw new InputError('Required parameter "payment_method_nonce" is missing.');
    if (nonce.length > 2048) throw new InputError('The payment_method_nonce is too long.');
    if (/^[\d\s-]{12,}$/.test(nonce)) throw new InputError('Card data cannot be sent to this server. Enter your card in the payment form.');
    if (typeof data.is_active_payment_token_enabler !== 'boolean') throw new InputError('Required parameter "is_active_payment_token_enabler" is missing.');
    // Magento saves cards for signed-in customers only; a guest's request to save is ignored.
    const vault = data.is_active_payment_token_enabler && cart.customerId !== null;
    return { nonce, vault } satisfies CardData;
  }

  async authorize(context: PaymentContext, data: Record<string, unknown> | null): Promise<PaymentResult> {
    const card = data as CardData | null;
    if (!card?.nonce) throw new InputError('Enter a valid payment method and try again.');
    const vault = card.vault && context.cart.customerId !== null && (await this.config.getForStore<boolean>(P.CardVaultActive, context.storeCode));
    const gateway = await this.gateway(context.storeCode);
    if (!gateway) throw new InputError('Enter a valid payment method and try again.');
    const auth = await gateway.authorize(card.nonce, context.totals.grandTotal, context.totals.currency, { reference: context.orderNumber, vault });
    return {
      transactionId: auth.transactionId,
      amountAuthorized: context.totals.grandTotal,
      ccType: auth.brand,
      ccLast4: auth.last4,
      ccExpMonth: auth.expMonth,
      ccExpYear: auth.expYear,
      vault: vault && auth.gatewayToken ? { gatewayToken: auth.gatewayToken, brand: auth.brand, last4: auth.last4, expMonth: auth.expMonth, expYear: auth.expYear } : null,
    };
  }

}
