import path from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { Kernel } from '../../../app';
import { PasswordHasher } from '../../../app/crypto/password-hasher';
import { createHttpApp } from '../../../app/http/http-app';
import { codeRoot } from '../../../app/kernel/paths';
import { createTestApp, type TestApp, type TestAppOptions } from '../../../app/testing/test-app';
import { CatalogApi } from '../../catalog/api';

export const SALES_MODULES = ['Comptoir_Store', 'Comptoir_Directory', 'Comptoir_Catalog', 'Comptoir_Customer', 'Comptoir_Sales'];

export function createSalesTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const { overrides, ...rest } = options;
  return createTestApp({
    modules: SALES_MODULES,
    moduleDirs: [path.join(codeRoot, 'modules')],
    install: { baseUrl: 'https://shop.example.com/', baseUrlSecure: 'https://shop.example.com/' },
    ...rest,
    overrides: (bind, container) => {
      // Cheap scrypt for sign-ups in tests; production keeps the kernel's cost.
      bind(Kernel.PasswordHasher).toConstantValue(new PasswordHasher({ N: 1024, r: 8, p: 1 }));
      overrides?.(bind, container);
    },
  });
}

/** A tee (10 in stock, 29.00), a virtual gift card (15.00), a configurable hoodie with two children (Blue S: 3, Red S: 0). */
export async function installProducts(app: TestApp) {
  const attributes = app.get(CatalogApi.AttributeRepository);
  const color = await attributes.addOptions('color', [{ label: 'Blue' }, { label: 'Red' }]);
  const size = await attributes.addOptions('size', [{ label: 'S' }]);
  const products = app.get(CatalogApi.ProductRepository);
  await products.saveMany([
    { input: { sku: 'TEE', price: 2900, attributes: { name: 'Tee' }, stock: { qty: 10 } } },
    { input: { sku: 'GIFT', typeId: 'virtual', price: 1500, attributes: { name: 'Gift card' }, stock: { qty: 100 } } },
    { input: { sku: 'HOOD-BLUE-S', price: 5000, attributes: { name: 'Hoodie Blue S', color: 'Blue', size: 'S' }, stock: { qty: 3 }, visibility: 1 } },
    { input: { sku: 'HOOD-RED-S', price: 5200, attributes: { name: 'Hoodie Red S', color: 'Red', size: 'S' }, stock: { qty: 0 }, visibility: 1 } },
    { input: { sku: 'HOOD', typeId: 'configurable', attributes: { name: 'Hoodie' }, configurable: { attributeCodes: ['color', 'size'], childSkus: ['HOOD-BLUE-S', 'HOOD-RED-S'] } } },
  ]);
  const colorId = (await attributes.get('color'))!.id;
  const sizeId = (await attributes.get('size'))!.id;
  const opt = (label: string, list: typeof color) => list.options.find((o) => o.label === label)!.id;
  const uid = (attributeId: number, valueId: number) => Buffer.from(`configurable/${attributeId}/${valueId}`).toString('base64');
  return { blue: uid(colorId, opt('Blue', color)), red: uid(colorId, opt('Red', color)), small: uid(sizeId, opt('S', size)) };
}

export interface Answer {
  data?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  errors?: Array<{ message: string; extensions?: { category?: string } }>;
  text: string;
}

export class Storefront {
  readonly web: Express;

  constructor(readonly app: TestApp) {
    this.web = createHttpApp(app);
  }

  async gql(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Answer> {
    const call = request(this.web).post('/graphql').set('Content-Type', 'application/json');
    if (token) call.set('Authorization', `Bearer ${token}`);
    const res = await call.send({ query, variables });
    return { data: res.body.data, errors: res.body.errors, text: res.text };
  }

  async customer(email: string): Promise<string> {
    const password = 'Sunflower-42';
    await this.gql('mutation ($i: CustomerCreateInput!) { createCustomerV2(input: $i) { customer { email } } }', { i: { email, firstname: 'A', lastname: 'B', password } });
    const res = await this.gql('mutation ($e: String!, $p: String!) { generateCustomerToken(email: $e, password: $p) { token } }', { e: email, p: password });
    return res.data!.generateCustomerToken.token as string;
  }

  async guestCart(): Promise<string> {
    const res = await this.gql('mutation { createGuestCart { cart { id } } }');
    return res.data!.createGuestCart.cart.id as string;
  }
}

export const US_ADDRESS = {
  firstname: 'Ana',
  lastname: 'Lima',
  street: ['100 Congress Ave'],
  city: 'Austin',
  region: 'TX',
  postcode: '78701',
  country_code: 'US',
  telephone: '+1 512 555 0100',
};

/** A cart with one unit of `sku`, a US shipping and billing address, flat rate and (for a guest) an email: ready for a payment method. */
export async function readyCart(shop: Storefront, sku: string, token?: string): Promise<string> {
  const id = token ? (await shop.gql('{ customerCart { id } }', {}, token)).data!.customerCart.id : await shop.guestCart();
  const steps: Array<[string, Record<string, unknown>]> = [
    [`mutation ($id: String!, $sku: String!) { addProductsToCart(cartId: $id, cartItems: [{ sku: $sku, quantity: 1 }]) { user_errors { code } } }`, { sku }],
    [`mutation ($id: String!, $a: CartAddressInput!) { setShippingAddressesOnCart(input: { cart_id: $id, shipping_addresses: [{ address: $a }] }) { cart { id } } }`, { a: US_ADDRESS }],
    [`mutation ($id: String!) { setBillingAddressOnCart(input: { cart_id: $id, billing_address: { same_as_shipping: true } }) { cart { id } } }`, {}],
    [`mutation ($id: String!) { setShippingMethodsOnCart(input: { cart_id: $id, shipping_methods: [{ carrier_code: "flatrate", method_code: "flatrate" }] }) { cart { id } } }`, {}],
  ];
  if (!token) steps.push([`mutation ($id: String!) { setGuestEmailOnCart(input: { cart_id: $id, email: "buyer@example.com" }) { cart { id } } }`, {}]);
  for (const [query, vars] of steps) {
    const res = await shop.gql(query, { id, ...vars }, token);
    if (res.errors) throw new Error(res.text);
  }
  return id;
}
