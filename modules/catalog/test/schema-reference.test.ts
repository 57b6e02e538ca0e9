import fs from 'node:fs';
import path from 'node:path';
import { buildClientSchema, parse } from 'graphql';
import { buildGraphQlSchema } from '../../../app';
import { referenceSchemaFile, schemaSubsetProblems } from '../../../app/testing/schema-subset';
import type { TestApp } from '../../../app/testing/test-app';
import { createCatalogTestApp } from './catalog-test-app';

const REFERENCE = referenceSchemaFile('magento-2.4.7-schema.json');
/** Fields Comptoir adds to Magento's published schema (documented in the SDL and the README). */
const ADDITIONS = new Set(['ProductAttributeFilterInput.color', 'ProductAttributeFilterInput.size', 'ProductAttributeFilterInput.material', 'ProductAttributeFilterInput.eco_collection']);

const describeIfReference = REFERENCE ? describe : describe.skip;

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
    const problems = schemaSubsetProblems(ours, reference, { names, additions: ADDITIONS });
    expect(problems).toEqual([]);
    expect(names.size).toBeGreaterThan(30);
  });
});
