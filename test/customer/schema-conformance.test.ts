import { isEnumType, isInputObjectType, isObjectType, type GraphQLArgument, type GraphQLSchema } from 'graphql';
import { buildGraphQlSchema } from '../../app/graphql/schema-builder';
import type { TestApp } from '../../app/testing/test-app';
import { createCustomerTestApp } from '../../modules/customer/test/customer-test-app';
import reference from './fixtures/magento-2.4.7-customer-types.json';

type Fields = Record<string, string>;
const REFERENCE = reference.types as Record<string, Fields | { enum: string[] }>;

/** Fields newer than 2.4.7 (2.4.8 addressesV2, 2.4.9 uid-based address mutations): the only additions allowed. */
const ADDITIONS: Record<string, Fields> = {
  Customer: { addressesV2: 'CustomerAddresses (currentPage: Int = 1, pageSize: Int = 5)' },
  CustomerAddress: { uid: 'ID!' },
  Mutation: { updateCustomerAddressV2: 'CustomerAddress (uid: ID!, input: CustomerAddressInput)', deleteCustomerAddressV2: 'Boolean (uid: ID!)' },
  CustomerAddresses: { items: '[CustomerAddress]', page_info: 'SearchResultPageInfo', total_count: 'Int' },
};

function signature(field: { type: unknown; args?: readonly GraphQLArgument[] }): string {
  const args = field.args?.length ? ` (${field.args.map((a) => `${a.name}: ${String(a.type)}${a.defaultValue !== undefined ? ` = ${a.defaultValue}` : ''}`).join(', ')})` : '';
  return `${String(field.type)}${args}`;
}

describe("Storefront schema of the customer and directory modules against Magento 2.4.7's", () => {
  let app: TestApp;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    app = await createCustomerTestApp();
    schema = buildGraphQlSchema(app.modules, app);
  });
  afterAll(() => app?.close());

  it('uses the same names, types, arguments and nullability for every field it defines (a subset, plus the newer V2 fields)', () => {
    const mismatches: string[] = [];
    const names = new Set([...Object.keys(REFERENCE), ...Object.keys(ADDITIONS)]);
    for (const name of names) {
      const ours = schema.getType(name);
      if (!ours || isEnumType(ours)) continue;
      if (!isObjectType(ours) && !isInputObjectType(ours)) continue;
      const expected = { ...((REFERENCE[name] as Fields | undefined) ?? {}), ...(ADDITIONS[name] ?? {}) };
      const onlyRoots = name === 'Query' || name === 'Mutation' || name === 'StoreConfig';
      for (const [fieldName, field] of Object.entries(ours.getFields())) {
        if (!(fieldName in expected)) {
          // Roots and StoreConfig hold other modules' fields too: only the listed ones are ours to check.
          if (!onlyRoots) mismatches.push(`${name}.${fieldName} is not in the reference`);
          continue;
        }
        const actual = signature(field as { type: unknown; args?: readonly GraphQLArgument[] });
        if (actual !== expected[fieldName]) mismatches.push(`${name}.${fieldName}: ${actual} instead of ${expected[fieldName]}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('implements every root field and StoreConfig field the issue lists', () => {
    for (const root of ['Query', 'Mutation', 'StoreConfig'] as const) {
      const fields = Object.keys((schema.getType(root) as { getFields(): object }).getFields());
      expect(fields).toEqual(expect.arrayContaining(Object.keys(REFERENCE[root])));
    }
    expect(Object.keys(schema.getMutationType()!.getFields())).toEqual(expect.arrayContaining(Object.keys(ADDITIONS.Mutation)));
  });

  it('keeps every required input field of the reference, so clients written for Magento send valid input', () => {
    for (const name of ['CustomerCreateInput', 'CustomerUpdateInput', 'CustomerAddressInput', 'CustomerAddressRegionInput']) {
      const ours = schema.getType(name);
      if (!isInputObjectType(ours)) throw new Error(`${name} is missing`);
      const required = Object.entries(REFERENCE[name] as Fields).filter(([, type]) => type.endsWith('!'));
      for (const [field, type] of required) expect(`${name}.${field}: ${String(ours.getFields()[field]?.type)}`).toBe(`${name}.${field}: ${type}`);
    }
  });

  it('API-03 has no output field that could carry a password, hash, reset token or lockout state', () => {
    const leaky = /password|hash|token|secret|rp_|failure|lock/i;
    const exposed: string[] = [];
    for (const name of ['Customer', 'CustomerAddress', 'CustomerAddresses', 'CustomerOutput', 'CustomerAddressRegion', 'IsEmailAvailableOutput']) {
      const type = schema.getType(name);
      if (!isObjectType(type)) throw new Error(`${name} is missing`);
      for (const field of Object.keys(type.getFields())) if (leaky.test(field)) exposed.push(`${name}.${field}`);
    }
    expect(exposed).toEqual([]);
  });

  it('has the same enum values (CountryCodeEnum, ConfirmationStatusEnum)', () => {
    for (const name of ['CountryCodeEnum', 'ConfirmationStatusEnum']) {
      const ours = schema.getType(name);
      if (!isEnumType(ours)) throw new Error(`${name} is missing`);
      expect(ours.getValues().map((v) => v.name)).toEqual((REFERENCE[name] as { enum: string[] }).enum);
    }
  });
});
