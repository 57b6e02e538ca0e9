import { Kernel } from '../../../app';
import { ConsumerRunner } from '../../../app/event/consumer-runner';
import { OutboxRelay } from '../../../app/event/outbox-relay';
import type { FileMailTransport } from '../../../app/mail/file-mail-transport';
import type { TestApp } from '../../../app/testing/test-app';
import { SalesTable as T } from '../api/sales-tables';
import { sandboxGatewaySecret } from '../payment/sandbox/sandbox-gateway';
import { NONCE_PREFIX, SandboxTokenCodec } from '../payment/sandbox/sandbox-token-codec';
import { US_ADDRESS, type Storefront } from './sales-test-app';

const CARD = `mutation ($id: String!, $nonce: String!) { setPaymentMethodOnCart(input: { cart_id: $id, payment_method: { code: "comptoir_card", comptoir_card: { payment_method_nonce: $nonce, is_active_payment_token_enabler: false } } }) { cart { id } } }`;
const CHECKMO = `mutation ($id: String!) { setPaymentMethodOnCart(input: { cart_id: $id, payment_method: { code: "checkmo" } }) { cart { id } } }`;

/** A sandbox nonce as the tokenizer would sign it. */
export function sandboxNonce(app: TestApp): string {
  return new SandboxTokenCodec(sandboxGatewaySecret(app.get(Kernel.Encryptor))).issue(NONCE_PREFIX, { brand: 'VI', last4: '1111', expMonth: 12, expYear: 2099, decline: false }, Date.now());
}

/**
 * Places an order of several lines (`[sku, qty]`), shipped to Texas by flat rate, paid by check or sandbox card, for a guest
 * or (with `token`) a signed-in customer, optionally with a coupon; answers the order's entity id.
 */
export async function placeOrderOf(
  shop: Storefront,
  lines: Array<[string, number]>,
  options: { payment?: 'checkmo' | 'card'; coupon?: string; token?: string },
): Promise<number> {
  const { token } = options;
  const id = token ? (await shop.gql('{ customerCart { id } }', {}, token)).data!.customerCart.id : await shop.guestCart();
  const steps: Array<[string, Record<string, unknown>]> = [];
  // No lines: the cart already holds what the caller put in it.
  if (lines.length) steps.push([`mutation ($id: String!, $items: [CartItemInput!]!) { addProductsToCart(cartId: $id, cartItems: $items) { user_errors { code message } } }`, { items: lines.map(([sku, quantity]) => ({ sku, quantity })) }]);
  steps.push(
    [`mutation ($id: String!, $a: CartAddressInput!) { setShippingAddressesOnCart(input: { cart_id: $id, shipping_addresses: [{ address: $a }] }) { cart { id } } }`, { a: US_ADDRESS }],
    [`mutation ($id: String!) { setBillingAddressOnCart(input: { cart_id: $id, billing_address: { same_as_shipping: true } }) { cart { id } } }`, {}],
    [`mutation ($id: String!) { setShippingMethodsOnCart(input: { cart_id: $id, shipping_methods: [{ carrier_code: "flatrate", method_code: "flatrate" }] }) { cart { id } } }`, {}],
  );
  if (!token) steps.push([`mutation ($id: String!) { setGuestEmailOnCart(input: { cart_id: $id, email: "buyer@example.com" }) { cart { id } } }`, {}]);
  if (options.coupon) steps.push([`mutation ($id: String!, $c: String!) { applyCouponToCart(input: { cart_id: $id, coupon_code: $c }) { cart { id } } }`, { c: options.coupon }]);
  if (options.payment === 'card') steps.push([CARD, { nonce: sandboxNonce(shop.app) }]);
  else steps.push([CHECKMO, {}]);
  steps.push([`mutation ($id: String!) { placeOrder(input: { cart_id: $id }) { orderV2 { number } errors { code message } } }`, {}]);
  let number = '';
  for (const [query, vars] of steps) {
    const res = await shop.gql(query, { id, ...vars }, token);
    if (res.errors || res.data?.addProductsToCart?.user_errors?.length || res.data?.placeOrder?.errors?.length) throw new Error(res.text);
    if (res.data?.placeOrder) number = res.data.placeOrder.orderV2.number;
  }
  const row = await shop.app.db.knex(T.order).where('increment_id', number).first('entity_id');
  return Number(row.entity_id);
}

/**
 * Sales emails as the consumers send them: `deliver` relays the outbox, runs the sales mail `consumers` (their observers
 * queue the mails: a second outbox hop), then the kernel's mail consumer; `mailsOf(action)` answers what the action sent.
 */
export function salesMailDelivery(app: TestApp, consumers: string[]) {
  const sentMails = () => (app.get(Kernel.MailTransport) as FileMailTransport).list();
  const deliver = async () => {
    await OutboxRelay.attach(app).flush();
    await new ConsumerRunner(app).run(consumers, { stopWhenEmpty: true });
    await OutboxRelay.attach(app).flush();
    await new ConsumerRunner(app).run(['Comptoir_Framework::kernel_send_mail'], { stopWhenEmpty: true });
  };
  const mailsOf = async (action: () => Promise<unknown>) => {
    const before = (await sentMails()).length;
    await action();
    await deliver();
    return (await sentMails()).slice(before);
  };
  return { deliver, mailsOf, sentMails };
}
