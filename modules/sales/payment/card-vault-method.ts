import { inject, injectable } from 'inversify';
import { Kernel, type ConfigService } from '../../../app';
import { InputError } from '../../../app';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import type { PaymentContext, PaymentInput, PaymentMethod, PaymentResult } from '../api/payment';
import type { Cart } from '../api/sales-entities';
import type { Totals } from '../api/totals';
import { SalesInternal } from '../model/sales-internal-tokens';
import type { CardMethod } from './card-method';
import type { VaultTokenStore } from './vault-token-store';

export const CARD_VAULT_METHOD_CODE = 'comptoir_card_vault';

const SAVED_CARD_NOT_FOUND = 'The saved card could not be found. Choose another payment method.';

/**
 * Paying with a saved card, as Magento's braintree_cc_vault: the storefront sends the token's public_hash; the gateway token
 * is decrypted only at placeOrder, and only from the signed-in owner's vault (API-01: another's hash is simply not found).
 */
@injectable()
export class CardVaultMethod implements PaymentMethod {
  readonly code = CARD_VAULT_METHOD_CODE;
  readonly isDeferred = false;

  constructor(
    @inject(Kernel.Config) private readonly config: ConfigService,
    @inject(SalesInternal.CardMethod) private readonly card: CardMethod,
    @inject(SalesInternal.VaultTokens) private readonly vault: VaultTokenStore,
  ) {}

  title(storeCode: string): Promise<string> {
    return this.config.getForStore<string>(P.CardVaultTitle, storeCode);
  }

  async isAvailable(cart: Cart, totals: Totals, storeCode: string): Promise<boolean> {
    return cart.customerId !== null && (await this.config.getForStore<boolean>(P.CardVaultActive, storeCode)) && (await this.card.isAvailable(cart, totals, storeCode));
  }

  async assign(cart: Cart, input: PaymentInput): Promise<Record<string, unknown> | null> {
    const hash = input.data?.public_hash;
    if (typeof hash !== 'string' || !hash.trim()) throw new InputError('Required parameter "public_hash" is missing.');
    if (cart.customerId === null || !(await this.vault.gatewayToken(cart.customerId, hash))) throw new InputError(SAVED_CARD_NOT_FOUND);
    return { publicHash: hash };
  }

  async authorize(context: PaymentContext, data: Record<string, unknown> | null): Promise<PaymentResult> {
    const hash = typeof data?.publicHash === 'string' ? data.publicHash : null;
    // The card may have been deleted since it was chosen.
    const token = hash && context.cart.customerId !== null ? await this.vault.gatewayToken(context.cart.customerId, hash) : null;
    const gateway = await this.card.gateway(context.storeCode);
    if (!token || !gateway) throw new InputError(SAVED_CARD_NOT_FOUND);
    const auth = await gateway.authorize(token, context.totals.grandTotal, context.totals.currency, { reference: context.orderNumber, vault: false });
    return { transactionId: auth.transactionId, amountAuthorized: context.totals.grandTotal, ccType: auth.brand, ccLast4: auth.last4, ccExpMonth: auth.expMonth, ccExpYear: auth.expYear };
  }
}
