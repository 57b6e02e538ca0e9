import request from 'supertest';
import type { Express } from 'express';
import { createHttpApp } from '../../../app/http/http-app';
import type { TestApp } from '../../../app/testing/test-app';
import { StoreApi } from '../../store/api';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import { createSalesTestApp } from './sales-test-app';

const FIELDS = `store_code is_guest_checkout_enabled cart_expires_in_days is_one_page_checkout_enabled max_items_in_order_summary minicart_display
  minicart_max_items cart_summary_display_quantity check_money_order_enabled check_money_order_title check_money_order_make_check_payable_to
  check_money_order_send_check_to check_money_order_new_order_status zero_subtotal_enabled zero_subtotal_title zero_subtotal_new_order_status
  order_cancellation_enabled`;

/** The checkout's settings a storefront reads from storeConfig (Magento's names and defaults), per store view. */
describe('storeConfig: the checkout and payment method settings', () => {
  let app: TestApp;
  let web: Express;
  const query = async (q: string, store?: string) => {
    const call = request(web).post('/graphql').set('Content-Type', 'application/json');
    if (store) call.set('Store', store);
    const res = await call.send({ query: q });
    expect(res.body.errors).toBeUndefined();
    return res.body.data;
  };

  beforeAll(async () => {
    app = await createSalesTestApp();
    await app.get(StoreApi.StoreManager).createStoreView({ code: 'fr', name: 'French', settings: { locale: 'fr_FR' } });
    web = createHttpApp(app);
  });
  afterAll(() => app?.close());

  it("answers Magento's defaults", async () => {
    expect((await query(`{ storeConfig { ${FIELDS} } }`)).storeConfig).toEqual({
      store_code: 'default',
      is_guest_checkout_enabled: true,
      cart_expires_in_days: 30,
      is_one_page_checkout_enabled: true,
      max_items_in_order_summary: 10,
      minicart_display: true,
      minicart_max_items: 10,
      cart_summary_display_quantity: 1,
      check_money_order_enabled: true,
      check_money_order_title: 'Check / Money order',
      check_money_order_make_check_payable_to: null,
      check_money_order_send_check_to: null,
      check_money_order_new_order_status: 'pending',
      zero_subtotal_enabled: true,
      zero_subtotal_title: 'No Payment Information Required',
      zero_subtotal_new_order_status: 'pending',
      order_cancellation_enabled: false,
    });
  });

  it('answers each store view its own settings, in storeConfig and in availableStores', async () => {
    const fr = { scope: 'stores' as const, code: 'fr' };
    await app.config.set(P.CheckmoTitle, 'Chèque', fr);
    await app.config.set(P.CheckmoPayableTo, 'Comptoir SAS', fr);
    await app.config.set(P.CheckmoMailingAddress, '1 rue de la Paix\n75002 Paris', fr);
    await app.config.set(P.MinicartMaxItems, 5, fr);
    await app.config.set(P.GuestCheckout, false, fr);
    await app.config.set(P.OrderCancellationEnabled, '1', fr);
    expect((await query('{ storeConfig { check_money_order_title check_money_order_make_check_payable_to check_money_order_send_check_to minicart_max_items is_guest_checkout_enabled } }', 'fr')).storeConfig).toEqual({
      check_money_order_title: 'Chèque',
      check_money_order_make_check_payable_to: 'Comptoir SAS',
      check_money_order_send_check_to: '1 rue de la Paix\n75002 Paris',
      minicart_max_items: 5,
      is_guest_checkout_enabled: false,
    });
    const stores = (await query('{ availableStores { store_code check_money_order_title is_guest_checkout_enabled minicart_max_items order_cancellation_enabled } }')).availableStores;
    expect(stores).toEqual(
      expect.arrayContaining([
        { store_code: 'default', check_money_order_title: 'Check / Money order', is_guest_checkout_enabled: true, minicart_max_items: 10, order_cancellation_enabled: false },
        { store_code: 'fr', check_money_order_title: 'Chèque', is_guest_checkout_enabled: false, minicart_max_items: 5, order_cancellation_enabled: true },
      ]),
    );
    await expect(app.config.set(P.MinicartMaxItems, 0)).rejects.toThrow();
    await expect(app.config.set(P.CartLinkUseQty, 2)).rejects.toThrow();
  });
});
