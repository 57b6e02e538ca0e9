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

/** What a gateway answers for an authorization: display data only (PAY-02), and a reusable token when one was asked for. */
export interface CardAuthorization {
  transactionId: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  /** The gateway's reusable token (vault), returned only when `vault` was asked; stored encrypted (PAY-03). */
  gatewayToken?: string | null;
}

/**
 * A card gateway behind the card method (PAY-04): only one-time nonces made on the gateway's own domain, and the gateway's
 * own reusable tokens, go through it — never a card number. Amounts are integer minor units. authorize throws
 * PaymentDeclinedError on a refusal.
 */
export interface CardGateway {
  code: string;
  /** A gateway may refuse to run somewhere (the sandbox does in production mode); the card methods are then not offered. */
  isAvailable(): boolean;
  authorize(token: string, amount: number, currency: string, options: { reference: string; vault: boolean }): Promise<CardAuthorization>;
  /** Captures (part of) an authorization; answers the capture's transaction id. */
  capture(authorizationId: string, amount: number): Promise<string>;
  /** Releases an authorization that will not be captured. */
  void(authorizationId: string): Promise<void>;
  /**
   * Releases what is left of a partly captured authorization (an order canceled after a partial invoice); no capture is
   * accepted afterwards. Answers the amount released (0 when everything was captured).
   */
  releaseRemainder(authorizationId: string): Promise<number>;
  /**
   * Gives back (part of) a capture; answers the refund's transaction id. Throws PaymentDeclinedError when the amount is more
   * than what is left of the capture.
   */
  refund(captureId: string, amount: number): Promise<string>;
}

export interface CardGatewayPool {
  get(code: string): CardGateway | undefined;
}

export class PaymentDeclinedError extends Error {
  constructor(message = 'The payment was declined. Use another payment method or card.') {
    super(message);
  }
}
