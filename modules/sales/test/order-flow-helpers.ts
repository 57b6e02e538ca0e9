import { Kernel } from '../../../app';
import type { TestApp } from '../../../app/testing/test-app';
import { SalesTable as T } from '../api/sales-tables';
import { sandboxGatewaySecret } from '../payment/sandbox/sandbox-gateway';
import { NONCE_PREFIX, SandboxTokenCodec } from '../payment/sandbox/sandbox-token-codec';
import { readyCart, US_ADDRESS, type Storefront } from './sales-test-app';

const PLACE = `mutation ($id: String!) { placeOrder(input: { cart_id: $id }) { orderV2 { number } errors { code message } } }`;
const CHECKMO = `mutation ($id: String!) { setPaymentMethodOnCart(input: { cart_id: $id, payment_method: { code: "checkmo" } }) { cart { id } } }`;
const CARD = `mutation ($id: String!, $nonce: String!) { setPaymentMethodOnCart(input: { cart_id: $id, payment_method: { code: "comptoir_card", comptoir_card: { payment_method_nonce: $nonce, is_active_payment_token_enabler: false } } }) { cart { id } } }`;

/** A sandbox nonce as the tokenizer would sign it (the tokenizer's own tests cover its HTTP side). */
function sandboxNonce(app: TestApp): string {
  const codec = new SandboxTokenCodec(sandboxGatewaySecret(app.get(Kernel.Encryptor)));
  return codec.issue(NONCE_PREFIX, { brand: 'VI', last4: '1111', expMonth: 12, expYear: 2099, decline: false }, Date.now());
}

/** A guest cart with one virtual `sku`, a billing address and an email: nothing to ship, so no shipping step. */
async function readyVirtualCart(shop: Storefront, sku: string): Promise<string> {
  const id = await shop.guestCart();
  for (const [query, vars] of [
    [`mutation ($id: String!, $sku: String!) { addProductsToCart(cartId: $id, cartItems: [{ sku: $sku, quantity: 1 }]) { user_errors { code } } }`, { sku }],
    [`mutation ($id: String!, $a: CartAddressInput!) { setBillingAddressOnCart(input: { cart_id: $id, billing_address: { address: $a } }) { cart { id } } }`, { a: US_ADDRESS }],
    [`mutation ($id: String!) { setGuestEmailOnCart(input: { cart_id: $id, email: "buyer@example.com" }) { cart { id } } }`, {}],
  ] as Array<[string, Record<string, unknown>]>) {
    const res = await shop.gql(query, { id, ...vars });
    if (res.errors) throw new Error(res.text);
  }
  return id;
}

/** Places a guest order of one `sku` paid by check (or by sandbox card); answers its entity id. */
export async function placeOrder(shop: Storefront, sku: string, payment: 'checkmo' | 'card' = 'checkmo', virtual = false): Promise<number> {
  const id = virtual ? await readyVirtualCart(shop, sku) : await readyCart(shop, sku);
  const set = payment === 'card' ? await shop.gql(CARD, { id, nonce: sandboxNonce(shop.app) }) : await shop.gql(CHECKMO, { id });
  if (set.errors) throw new Error(set.text);
  const placed = await shop.gql(PLACE, { id });
  if (placed.errors || placed.data?.placeOrder.errors.length) throw new Error(placed.text);
  const row = await shop.app.db.knex(T.order).where('increment_id', placed.data!.placeOrder.orderV2.number).first('entity_id');
  return Number(row.entity_id);
}

/** The sandbox ledger entries made against an order's authorization (capture, void). */
export async function ledgerOf(app: TestApp, orderId: number): Promise<string[]> {
  const payment = await app.db.knex(T.orderPayment).where('order_id', orderId).first('last_trans_id');
  const rows = await app.db.knex(T.sandboxTransaction).where('parent_id', payment.last_trans_id).orderBy('entity_id');
  return rows.map((r) => `${r.kind}:${r.amount}`);
}

export async function stateOf(app: TestApp, orderId: number): Promise<{ state: string; status: string }> {
  const row = await app.db.knex(T.order).where('entity_id', orderId).first('state', 'status');
  return { state: row.state, status: row.status };
}
