import fs from 'node:fs';
import path from 'node:path';
import {
  buildClientSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  parse,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
} from 'graphql';
import { buildGraphQlSchema } from '../../../app';
import type { TestApp } from '../../../app/testing/test-app';
import { createCatalogTestApp } from './catalog-test-app';

const REFERENCE = '/work/shared/reference/magento-2.4.7-schema.json';
/** Fields Comptoir adds to Magento's published schema (documented in the SDL and the README). */
const ADDITIONS = new Set(['ProductAttributeFilterInput.color', 'ProductAttributeFilterInput.size', 'ProductAttributeFilterInput.material', 'ProductAttributeFilterInput.eco_collection']);

const describeIfReference = fs.existsSync(REFERENCE) ? describe : describe.skip;

describeIfReference('The catalog SDL against Magento 2.4.7\'s published schema', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createCatalogTestApp();
  });
  afterAll(() => app?.close());

  it('uses the same names, types, nullability and arguments for every type and field it defines (a subset)', () => {
    const json = JSON.parse(fs.readFileSync(REFERENCE, 'utf8'));
    const reference = buildClientSchema(json.data ?? json);
    const ours = buildGraphQlSchema(app.modules, app);
    const files = fs.readdirSync(path.join(__dirname, '..', 'graphql')).filter((f) => f.endsWith('.graphqls'));
    const names = new Set<string>(['Query', 'StoreConfig']);
    for (const file of files) {
      for (const def of parse(fs.readFileSync(path.join(__dirname, '..', 'graphql', file), 'utf8')).definitions) {
        if ('name' in def && def.name) names.add(def.name.value);
      }
    }
    const problems: string[] = [];
    const compareFields = (name: string, mine: Record<string, GraphQLField<unknown, unknown> | GraphQLInputField>, theirs: Record<string, GraphQLField<unknown, unknown> | GraphQLInputField>) => {
      for (const [field, def] of Object.entries(mine)) {
        if (ADDITIONS.has(`${name}.${field}`)) continue;
        const other = theirs[field];
        if (!other) {
          if (name === 'Query' || name === 'StoreConfig') continue; // other modules' fields
          problems.push(`${name}.${field} is not in the reference`);
          continue;
        }
        if (String(def.type) !== String(other.type)) problems.push(`${name}.${field}: ${String(def.type)} vs ${String(other.type)}`);
        if ('args' in def && 'args' in other) {
          for (const arg of def.args) {
            const ref = other.args.find((a) => a.name === arg.name);
            if (!ref) problems.push(`${name}.${field}(${arg.name}) is not in the reference`);
            else if (String(ref.type) !== String(arg.type) || JSON.stringify(ref.defaultValue) !== JSON.stringify(arg.defaultValue)) problems.push(`${name}.${field}(${arg.name}) differs`);
          }
        }
      }
    };
    for (const name of names) {
      const mine = ours.getType(name) as GraphQLNamedType;
      const theirs = reference.getType(name);
      if (!theirs) {
        problems.push(`type ${name} is not in the reference`);
        continue;
      }
      if ((isObjectType(mine) || isInterfaceType(mine)) && (isObjectType(theirs) || isInterfaceType(theirs))) {
        compareFields(name, mine.getFields(), theirs.getFields());
        for (const iface of mine.getInterfaces()) if (!theirs.getInterfaces().some((i) => i.name === iface.name)) problems.push(`${name} implements ${iface.name}, the reference does not`);
      } else if (isInputObjectType(mine) && isInputObjectType(theirs)) {
        compareFields(name, mine.getFields(), theirs.getFields());
      } else if (isEnumType(mine) && isEnumType(theirs)) {
        for (const value of mine.getValues()) if (!theirs.getValue(value.name)) problems.push(`${name}.${value.name} is not in the reference`);
      } else if (mine?.constructor !== theirs.constructor) {
        problems.push(`${name} is a ${mine?.constructor.name} here, a ${theirs.constructor.name} there`);
      }
    }
    expect(problems).toEqual([]);
    expect(names.size).toBeGreaterThan(30);
  });
});
