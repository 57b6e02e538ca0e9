import path from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { codeRoot } from '../../../app/kernel/paths';
import { createTestApp, type TestApp, type TestAppOptions } from '../../../app/testing/test-app';
import { StoreApi } from '../../store/api';
import { CatalogApi } from '../api';

export const catalogTestModuleDirs = [path.join(codeRoot, 'modules'), path.join(__dirname, 'fixtures')];

/** A throwaway installation with the store and catalog modules (and any fixture module asked for). */
export function createCatalogTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  return createTestApp({
    modules: ['Comptoir_Store', 'Comptoir_Catalog', ...(options.modules ?? [])],
    moduleDirs: catalogTestModuleDirs,
    install: { baseUrl: 'https://shop.example.com/', baseUrlSecure: 'https://shop.example.com/', ...options.install },
    ...Object.fromEntries(Object.entries(options).filter(([k]) => k !== 'modules' && k !== 'install')),
  });
}

export interface SmallCatalog {
  women: number;
  tops: number;
  bottoms: number;
  gear: number;
  color: Record<string, number>;
  size: Record<string, number>;
}

/**
 * A French store view, color and size options with French labels, a few categories and products: a simple tee, a virtual
 * gift wrap, a configurable hoodie in two colors and two sizes, a pair of pants on special price.
 */
export async function installSmallCatalog(app: TestApp): Promise<SmallCatalog> {
  await app.get(StoreApi.StoreManager).createStoreView({ code: 'fr', name: 'French', settings: { locale: 'fr_FR', currency: 'EUR', timezone: 'Europe/Paris' } });
  const attributes = app.get(CatalogApi.AttributeRepository);
  const color = await attributes.addOptions('color', [
    { label: 'Black', storeLabels: { fr: 'Noir' } },
    { label: 'Blue', storeLabels: { fr: 'Bleu' } },
    { label: 'Red', storeLabels: { fr: 'Rouge' } },
  ]);
  const size = await attributes.addOptions('size', [{ label: 'S' }, { label: 'M' }, { label: 'L' }]);
  const categories = app.get(CatalogApi.CategoryRepository);
  const women = await categories.create({ parentId: 2, name: 'Women', urlKey: 'women' });
  await categories.update(women.id, { name: 'Femmes', urlKey: 'femmes' }, { storeId: 2 });
  const tops = await categories.create({ parentId: women.id, name: 'Tops' });
  await categories.update(tops.id, { name: 'Hauts', urlKey: 'hauts' }, { storeId: 2 });
  const bottoms = await categories.create({ parentId: women.id, name: 'Bottoms' });
  const gear = await categories.create({ parentId: 2, name: 'Gear' });
  const optionIds = (list: typeof color) => Object.fromEntries(list.options.map((o) => [o.label, o.id]));
  const products = app.get(CatalogApi.ProductRepository);
  await products.saveMany([
    {
      input: {
        sku: 'WT01',
        price: 2900,
        attributes: { name: 'Breathe Tee', description: '<p>A light cotton tee.</p>', color: 'Blue', size: 'M' },
        stock: { qty: 10 },
        categoryLinks: [{ categoryId: tops.id, position: 2 }],
        media: [{ file: '/w/t/wt01-blue.jpg', label: 'Breathe Tee', types: ['image', 'small_image', 'thumbnail'] }],
      },
    },
    { input: { sku: 'WT01', attributes: { name: 'T-shirt Respire', url_key: 't-shirt-respire' } }, storeId: 2 },
    { input: { sku: 'GIFT', typeId: 'virtual', price: 500, attributes: { name: 'Gift Wrap' }, stock: { qty: 100 }, categoryLinks: [{ categoryId: gear.id }] } },
    ...['Black', 'Red'].flatMap((c) =>
      ['S', 'M'].map((s) => ({
        input: { sku: `WH01-${s}-${c}`, price: c === 'Red' ? 5500 : 5200, visibility: 1 as const, attributes: { name: `Hero Hoodie-${s}-${c}`, color: c, size: s }, stock: { qty: c === 'Red' && s === 'S' ? 0 : 5 } },
      })),
    ),
    {
      input: {
        sku: 'WH01',
        typeId: 'configurable',
        attributes: { name: 'Hero Hoodie', description: 'A warm hoodie for cold days.' },
        configurable: { attributeCodes: ['color', 'size'], childSkus: ['WH01-S-Black', 'WH01-M-Black', 'WH01-S-Red', 'WH01-M-Red'] },
        categoryLinks: [{ categoryId: tops.id, position: 1 }],
      },
    },
    {
      input: {
        sku: 'WP01',
        price: 6000,
        specialPrice: 4500,
        attributes: { name: 'Yoga Pants', short_description: 'Stretchy pants' },
        stock: { qty: 3 },
        categoryLinks: [{ categoryId: bottoms.id }],
      },
    },
  ]);
  return { women: women.id, tops: tops.id, bottoms: bottoms.id, gear: gear.id, color: optionIds(color), size: optionIds(size) };
}

export function graphql(web: Express, query: string, options: { store?: string; variables?: Record<string, unknown> } = {}) {
  const call = request(web).post('/graphql').set('Content-Type', 'application/json');
  if (options.store) call.set('Store', options.store);
  return call.send({ query, variables: options.variables });
}

export const uid = (id: number | string) => Buffer.from(String(id)).toString('base64');
