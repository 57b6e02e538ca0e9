import type { Cart } from './sales-entities';
import type { Totals } from './totals';

/** What setPaymentMethodOnCart receives besides the code: the method's own input object. */
export interface PaymentInput {
  code: string;
  purchaseOrderNumber?: string | null;
  /** The method-specific object (e.g. `comptoir_card: {payment_method_nonce, is_active_payment_token_enabler}`). */
  data?: Record<string, unknown> | null;
}

export interface PaymentContext {
  cart: Cart;
  totals: Totals;
  storeCode: string;
  orderNumber: string;
}

/** What the order keeps of a payment: never a card number or a security code (PAY-01), at most brand/last 4/expiry (PAY-02). */
export interface PaymentResult {
  transactionId: string | null;
  amountAuthorized: number;
  ccType?: string | null;
  ccLast4?: string | null;
  ccExpMonth?: number | null;
  ccExpYear?: number | null;
  /** A reusable gateway token the customer asked to keep (vault). */
  vault?: { gatewayToken: string; brand: string; last4: string; expMonth: number; expYear: number } | null;
}

/** Magento's payment method: availability, validation of its input when set on the cart, authorization at placeOrder. */
export interface PaymentMethod {
  code: string;
  /** Deferred methods (Magento's is_deferred) take the payment outside the checkout. */
  isDeferred: boolean;
  title(storeCode: string): Promise<string>;
  isAvailable(cart: Cart, totals: Totals, storeCode: string): Promise<boolean>;
  /** Validates the method's input; answers the data to keep on the cart (encrypted), or null. Throws InputError. */
  assign(cart: Cart, input: PaymentInput): Promise<Record<string, unknown> | null>;
  /** Runs at placeOrder inside the order's transaction; throws PaymentDeclinedError when the gateway refuses. */
  authorize(context: PaymentContext, data: Record<string, unknown> | null): Promise<PaymentResult>;
  /** Runs when an invoice is created (capture of an authorization); answers the capture's transaction id. */
  capture?(authorizationId: string, amount: number): Promise<string>;
}

export interface PaymentMethodPool {
  list(): PaymentMethod[];
}

/** A card gateway behind the card method: only one-time tokens (nonces) and the gateway's own reusable tokens go through it. */
export interface CardGateway {
  code: string;
  /** Authorizes a one-time nonce, or a vaulted gateway token; `vault` asks for a reusable token in return. */
  authorize(request: { token: string; amount: number; currency: string; reference: string; vault: boolean }): Promise<{
    transactionId: string;
    card: { brand: string; last4: string; expMonth: number; expYear: number };
    vaultToken: string | null;
  }>;
  capture(authorizationId: string, amount: number): Promise<string>;
}

export interface CardGatewayPool {
  get(code: string): CardGateway;
}

export class PaymentDeclinedError extends Error {
  constructor(message = 'The payment was declined. Use another payment method or card.') {
    super(message);
  }
}
