import fs from 'node:fs';
import path from 'node:path';
import { buildClientSchema } from 'graphql';
import { buildGraphQlSchema } from '../../app';
import { codeRoot } from '../../app/kernel/paths';
import { referenceSchemaFile, schemaSubsetProblems } from '../../app/testing/schema-subset';
import { createTestApp, type TestApp } from '../../app/testing/test-app';

const REFERENCE = referenceSchemaFile('magento-2.4.7-schema.json');
const ALL_MODULES = Object.keys(JSON.parse(fs.readFileSync(path.join(codeRoot, 'etc', 'config.json'), 'utf8')).modules as Record<string, number>);

/**
 * What Comptoir's storefront schema has that Magento 2.4.7's does not, each documented in the README where the module
 * describes its GraphQL, by why:
 */
const ADDITIONS = new Set([
  // The sample catalog's filterable attributes (Magento generates a filter field for each filterable attribute).
  'ProductAttributeFilterInput.color',
  'ProductAttributeFilterInput.size',
  'ProductAttributeFilterInput.material',
  'ProductAttributeFilterInput.eco_collection',
  // Magento 2.4.8's additions, taken as 2.4.8 defines them.
  'Mutation.updateCustomerAddressV2',
  'Mutation.deleteCustomerAddressV2',
  'Customer.addressesV2',
  'CustomerAddresses',
  'CustomerAddress.uid',
  'CartPrices.grand_total_excluding_tax',
  // The card method's own input, as each payment module adds its own (Magento's braintree, braintree_cc_vault).
  'PaymentMethodInput.comptoir_card',
  'PaymentMethodInput.comptoir_card_vault',
  'ComptoirCardInput',
  'ComptoirCardVaultInput',
]);

const describeIfReference = REFERENCE ? describe : describe.skip;

describeIfReference("The whole storefront schema (every enabled module) against Magento 2.4.7's published schema", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ modules: ALL_MODULES, moduleDirs: [path.join(codeRoot, 'modules')] });
  });
  afterAll(() => app?.close());

  it('is a subset of it: same type names and kinds, field and argument types, nullability, defaults and deprecations', () => {
    const json = JSON.parse(fs.readFileSync(REFERENCE, 'utf8'));
    const ours = buildGraphQlSchema(app.modules, app);
    expect(schemaSubsetProblems(ours, buildClientSchema(json.data ?? json), { additions: ADDITIONS })).toEqual([]);
    expect(Object.keys(ours.getTypeMap()).length).toBeGreaterThan(150);
  });
});
