import { startServer, type RunningServer } from '../../app/http/server';
import type { TestApp } from '../../app/testing/test-app';
import { StoreApi } from '../../modules/store/api';
import { createCustomerTestApp, deliverMail, PASSWORD } from '../../modules/customer/test/customer-test-app';

/** A storefront's whole customer journey against the real HTTP server: store, directory and customer modules together. */
describe('Storefront customer journey over HTTP', () => {
  let app: TestApp;
  let server: RunningServer;

  async function gql(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    const res = await fetch(`${server.url}graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as { data?: Record<string, any>; errors?: Array<{ message: string; extensions: { category: string } }> } }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  beforeAll(async () => {
    app = await createCustomerTestApp();
    await app.get(StoreApi.StoreManager).createStoreView({ code: 'fr', name: 'Boutique française', settings: { locale: 'fr_FR', currency: 'EUR' } });
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('signs up in the French store view, reads the password rule and countries, fills the address book, signs out', async () => {
    const fr = { Store: 'fr' };
    const config = await gql('{ storeConfig { store_code minimum_password_length required_character_classes_number } country(id: "CA") { full_name_locale available_regions { code } } }', {}, fr);
    expect(config.body.data).toEqual({
      storeConfig: { store_code: 'fr', minimum_password_length: '8', required_character_classes_number: '3' },
      country: { full_name_locale: 'Canada', available_regions: expect.arrayContaining([{ code: 'QC' }]) },
    });

    const signUp = await gql(
      'mutation ($i: CustomerCreateInput!) { createCustomerV2(input: $i) { customer { email firstname } } }',
      { i: { email: 'chloe@example.fr', firstname: 'Chloé', lastname: 'Martin', password: PASSWORD } },
      fr,
    );
    expect(signUp.body).toEqual({ data: { createCustomerV2: { customer: { email: 'chloe@example.fr', firstname: 'Chloé' } } } });

    const signIn = await gql('mutation { generateCustomerToken(email: "chloe@example.fr", password: "Sunflower-42") { token } }', {}, fr);
    const auth = { ...fr, Authorization: `Bearer ${signIn.body.data!.generateCustomerToken.token}` };
    const address = await gql(
      'mutation ($i: CustomerAddressInput!) { createCustomerAddress(input: $i) { uid region { region_code } default_shipping } }',
      { i: { firstname: 'Chloé', lastname: 'Martin', street: ['1 rue de Rivoli'], city: 'Montréal', country_code: 'CA', region: { region_code: 'QC' }, postcode: 'H2X 1Y4', telephone: '+1 514 555 0199', default_shipping: true } },
      auth,
    );
    expect(address.body.data!.createCustomerAddress).toEqual({ uid: expect.any(String), region: { region_code: 'QC' }, default_shipping: true });

    const me = await gql('{ customer { firstname default_shipping addresses { city } addressesV2 { total_count items { uid } } } }', {}, auth);
    expect(me.body.data!.customer).toEqual({
      firstname: 'Chloé',
      default_shipping: expect.stringMatching(/^\d+$/),
      addresses: [{ city: 'Montréal' }],
      addressesV2: { total_count: 1, items: [{ uid: address.body.data!.createCustomerAddress.uid }] },
    });
    // GET queries work too (graphql-http), with the token.
    const viaGet = await fetch(`${server.url}graphql?query=${encodeURIComponent('{ customer { email } }')}`, { headers: auth });
    expect(await viaGet.json()).toEqual({ data: { customer: { email: 'chloe@example.fr' } } });

    expect((await gql('mutation { revokeCustomerToken { result } }', {}, auth)).body.data).toEqual({ revokeCustomerToken: { result: true } });
    const after = await gql('{ customer { email } }', {}, auth);
    expect(after.body.errors?.[0]).toMatchObject({ message: "The current customer isn't authorized.", extensions: { category: 'graphql-authorization' } });
  });

  it('resets a forgotten password end to end: request, mail (file transport), reset, sign in', async () => {
    await gql('mutation { requestPasswordResetEmail(email: "chloe@example.fr") }', {}, { Store: 'fr' });
    const mail = (await deliverMail(app)).find((m) => m.to === 'chloe@example.fr')!;
    expect(mail.subject).toBe('Reset your Boutique française password');
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    const reset = await gql('mutation ($t: String!) { resetPassword(email: "chloe@example.fr", resetPasswordToken: $t, newPassword: "Daffodil-77") }', { t: token }, { Store: 'fr' });
    expect(reset.body).toEqual({ data: { resetPassword: true } });
    const signIn = await gql('mutation { generateCustomerToken(email: "chloe@example.fr", password: "Daffodil-77") { token } }', {}, { Store: 'fr' });
    expect(signIn.body.data!.generateCustomerToken.token).toEqual(expect.any(String));
  });
});
