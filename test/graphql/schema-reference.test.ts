import fs from 'node:fs';
import path from 'node:path';
import {
  buildClientSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLSchema,
} from 'graphql';
import { buildGraphQlSchema } from '../../app';
import { codeRoot } from '../../app/kernel/paths';
import { createTestApp, type TestApp } from '../../app/testing/test-app';

/** The reference beside the project (../shared), or where this workplace keeps it for clones elsewhere; the test is skipped without it. */
const REFERENCE =
  [path.resolve(codeRoot, '..', 'shared', 'reference', 'magento-2.4.7-schema.json'), '/work/shared/reference/magento-2.4.7-schema.json'].find((file) => fs.existsSync(file)) ?? '';
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

/** Every difference between a type of ours and the reference's type of the same name: it must be a subset, same names, types, nullability, arguments. */
function compare(ours: GraphQLSchema, reference: GraphQLSchema): string[] {
  const problems: string[] = [];
  const fields = (name: string, mine: Record<string, GraphQLField<unknown, unknown> | GraphQLInputField>, theirs: Record<string, GraphQLField<unknown, unknown> | GraphQLInputField>) => {
    for (const [field, def] of Object.entries(mine)) {
      if (ADDITIONS.has(`${name}.${field}`)) continue;
      const other = theirs[field];
      if (!other) {
        problems.push(`${name}.${field} is not in the reference`);
        continue;
      }
      if (String(def.type) !== String(other.type)) problems.push(`${name}.${field}: ${String(def.type)} here, ${String(other.type)} there`);
      if (Boolean(def.deprecationReason) !== Boolean(other.deprecationReason)) problems.push(`${name}.${field} is ${def.deprecationReason ? '' : 'not '}deprecated here`);
      if ('args' in def && 'args' in other) {
        for (const arg of def.args) {
          const ref = other.args.find((a) => a.name === arg.name);
          if (!ref) problems.push(`${name}.${field}(${arg.name}) is not in the reference`);
          else if (String(ref.type) !== String(arg.type) || JSON.stringify(ref.defaultValue) !== JSON.stringify(arg.defaultValue)) problems.push(`${name}.${field}(${arg.name}) differs`);
        }
      }
    }
  };
  for (const [name, mine] of Object.entries(ours.getTypeMap())) {
    if (name.startsWith('__')) continue;
    const theirs = reference.getType(name);
    if (ADDITIONS.has(name)) continue;
    if (!theirs) {
      problems.push(`type ${name} is not in the reference`);
      continue;
    }
    if ((isObjectType(mine) || isInterfaceType(mine)) && (isObjectType(theirs) || isInterfaceType(theirs))) {
      if (isObjectType(mine) !== isObjectType(theirs)) problems.push(`${name} is ${isObjectType(mine) ? 'an object' : 'an interface'} here`);
      fields(name, mine.getFields(), theirs.getFields());
      for (const iface of mine.getInterfaces()) if (!theirs.getInterfaces().some((i) => i.name === iface.name)) problems.push(`${name} implements ${iface.name}, the reference does not`);
    } else if (isInputObjectType(mine) && isInputObjectType(theirs)) {
      fields(name, mine.getFields(), theirs.getFields());
      for (const [field, def] of Object.entries(theirs.getFields())) {
        if (String(def.type).endsWith('!') && def.defaultValue === undefined && !mine.getFields()[field]) problems.push(`${name}.${field} is required there and missing here`);
      }
    } else if (isEnumType(mine) && isEnumType(theirs)) {
      for (const value of mine.getValues()) if (!theirs.getValue(value.name)) problems.push(`${name}.${value.name} is not in the reference`);
    } else if (isUnionType(mine) && isUnionType(theirs)) {
      for (const member of mine.getTypes()) if (!theirs.getTypes().some((t) => t.name === member.name)) problems.push(`${name} | ${member.name} is not in the reference`);
    } else if (!(isScalarType(mine) && isScalarType(theirs))) {
      problems.push(`${name} is a ${mine.constructor.name} here, a ${theirs.constructor.name} there`);
    }
  }
  return problems;
}

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
    expect(compare(ours, buildClientSchema(json.data ?? json))).toEqual([]);
    expect(Object.keys(ours.getTypeMap()).length).toBeGreaterThan(150);
  });
});
