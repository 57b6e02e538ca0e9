import type { Application } from '../../app/kernel/application';
import { StoreApi } from '../../modules/store/api';
import { CatalogApi, type MediaInput, type ProductInput } from '../../modules/catalog/api';
import { ADJECTIVES, CATEGORY_TREE, COLLECTION_NAMES, COLORS, GARMENTS, GOODS, MATERIAL_WORDS, MATERIALS, SIZES } from './catalog-fixtures';

/** mulberry32: a small seeded generator, so every install gets the same catalog. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const slug = (text: string) => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const article = (noun: string, feminine: boolean) => (/^[aeiouéèêh]/i.test(noun) ? `L'${noun}` : `${feminine ? 'La' : 'Le'} ${noun}`);
const image = (sku: string, suffix?: string) => `/${sku[0].toLowerCase()}/${sku[1].toLowerCase()}/${sku.toLowerCase()}${suffix ? `-${slug(suffix)}` : ''}.jpg`;

interface Texts {
  description: string;
  short: string;
  descriptionFr: string;
  shortFr: string;
}

function texts(rand: () => number, name: string, nameFr: string, materials: string[]): Texts {
  const [adj, , adjFr] = ADJECTIVES[Math.floor(rand() * ADJECTIVES.length)];
  const [word, wordFr] = MATERIAL_WORDS[materials[0]];
  return {
    description: `<p>The ${name} is a ${adj} piece made of ${word}, designed to last for years.</p><ul><li>${materials.join(', ')}</li><li>Responsibly made</li></ul>`,
    short: `Made of ${word}.`,
    descriptionFr: `<p>${nameFr} : une pièce ${adjFr} en ${wordFr}, pensée pour durer des années.</p><ul><li>Fabrication responsable</li></ul>`,
    shortFr: `En ${wordFr}.`,
  };
}

/**
 * The sample catalog: four top-level categories with subcategories, 20 configurable garments in colors and sizes (their ~150
 * variants), 35 home goods and accessories, 2 virtual services; prices, some special prices (active, future and expired),
 * stock (a few products and one whole configurable sold out), images, and French names, descriptions and url keys for the
 * `fr` view. Deterministic (seeded) and written through the catalog services in one transaction; skipped when present.
 */
export async function installSampleCatalog(app: Application): Promise<void> {
  const products = app.get(CatalogApi.ProductRepository);
  const categories = app.get(CatalogApi.CategoryRepository);
  if ((await products.getList({ filterGroups: [{ filters: [{ field: 'sku', value: 'AP001', conditionType: 'eq' }] }], pageSize: 1 })).totalCount) return;
  const fr = await app.get(StoreApi.StoreRepository).getStoreView('fr');
  const rand = seeded(20240611);
  await app.db.transaction(async () => {
    const attributes = app.get(CatalogApi.AttributeRepository);
    for (const [code, list] of [['color', COLORS], ['material', MATERIALS], ['size', SIZES.map((s) => [s, s])]] as const) {
      const known = new Set((await attributes.get(code))?.options.map((o) => o.label.toLowerCase()));
      const missing = (list as ReadonlyArray<readonly [string, string]>).filter(([label]) => !known.has(label.toLowerCase()));
      if (missing.length) await attributes.addOptions(code, missing.map(([label, labelFr], i) => ({ label, sortOrder: i, ...(fr && labelFr !== label ? { storeLabels: { fr: labelFr } } : {}) })));
    }
    const categoryIds = new Map<string, number>();
    for (const top of CATEGORY_TREE) {
      const [name, nameFr, key, keyFr] = top.names;
      const parent = await categories.create({ parentId: 2, name, urlKey: key, description: `${name} at Comptoir.` });
      if (fr) await categories.update(parent.id, { name: nameFr, urlKey: keyFr }, { storeId: fr.id });
      categoryIds.set(name, parent.id);
      for (const [childName, childFr, childKey, childKeyFr] of top.children) {
        const child = await categories.create({ parentId: parent.id, name: childName, urlKey: childKey });
        if (fr) await categories.update(child.id, { name: childFr, urlKey: childKeyFr }, { storeId: fr.id });
        categoryIds.set(`${name}/${childName}`, child.id);
      }
    }
    const inputs: Array<{ input: ProductInput; storeId?: number }> = [];
    const french = (sku: string, name: string, t: Pick<Texts, 'descriptionFr' | 'shortFr'> | null, urlKey?: string) => {
      if (!fr) return;
      inputs.push({ input: { sku, attributes: { name, ...(urlKey ? { url_key: urlKey } : {}), ...(t ? { description: t.descriptionFr, short_description: t.shortFr } : {}) } }, storeId: fr.id });
    };
    const price = (range: [number, number]) => Math.round((range[0] + rand() * (range[1] - range[0])) / 100) * 100 - 1;

    GARMENTS.concat(GARMENTS).forEach((garment, i) => {
      const sku = `AP${String(i + 1).padStart(3, '0')}`;
      const collection = COLLECTION_NAMES[(i * 7) % COLLECTION_NAMES.length];
      const name = `${collection} ${garment.noun}`;
      const nameFr = `${garment.nounFr} ${collection}`;
      const colors = [...COLORS].sort(() => rand() - 0.5).slice(0, 2 + Math.floor(rand() * 2));
      const first = Math.floor(rand() * 2);
      const sizes = SIZES.slice(first, first + 3);
      const base = price(garment.price);
      const onSale = i % 5 === 2;
      const soldOut = i === 13;
      const t = texts(rand, name, nameFr, garment.materials);
      const children: string[] = [];
      for (const [color, colorFr] of colors) {
        for (const size of sizes) {
          const childSku = `${sku}-${size}-${color}`;
          children.push(childSku);
          const qty = soldOut || rand() < 0.1 ? 0 : 1 + Math.floor(rand() * 30);
          inputs.push({
            input: {
              sku: childSku,
              price: size === 'XL' ? base + 300 : base,
              specialPrice: onSale ? Math.round(base * 0.8) - 1 : null,
              visibility: 1,
              weight: 0.5,
              attributes: { name: `${name}-${size}-${color}`, color, size, material: garment.materials },
              stock: { qty, isInStock: qty > 0 },
              media: [{ file: image(sku, color), label: `${name} ${color}`, types: ['image', 'small_image', 'thumbnail'] }],
            },
          });
          french(childSku, `${nameFr}-${size}-${colorFr}`, null);
        }
      }
      const media: MediaInput[] = colors.map(([color], k) => ({ file: image(sku, color), label: `${name} ${color}`, types: k === 0 ? ['image', 'small_image', 'thumbnail'] : [] }));
      inputs.push({
        input: {
          sku,
          typeId: 'configurable',
          weight: 0.5,
          attributes: { name, description: t.description, short_description: t.short, meta_title: name, material: garment.materials, eco_collection: i % 3 === 0 },
          configurable: { attributeCodes: ['color', 'size'], childSkus: children },
          categoryLinks: [{ categoryId: categoryIds.get(garment.category)!, position: i + 1 }],
          media,
        },
      });
      french(sku, nameFr, t, slug(nameFr));
    });

    for (let j = 0; j < 35; j++) {
      const good = GOODS[j % GOODS.length];
      const sku = `${good.category.startsWith('Home') ? 'HM' : 'AC'}${String(j + 1).padStart(3, '0')}`;
      const collection = COLLECTION_NAMES[(j * 4 + 3) % COLLECTION_NAMES.length];
      const [color] = COLORS[Math.floor(rand() * COLORS.length)];
      const name = `${collection} ${good.noun}`;
      const nameFr = `${good.nounFr} ${collection}`;
      const base = price(good.price);
      const qty = j % 9 === 4 ? 0 : 1 + Math.floor(rand() * 60);
      const t = texts(rand, name, nameFr, good.materials);
      const sale = j % 6 === 0;
      inputs.push({
        input: {
          sku,
          price: base,
          specialPrice: sale ? Math.round(base * 0.75) - 1 : null,
          // One sale has not started yet, one is over: their special prices must not show.
          specialFromDate: sale && j % 12 === 0 ? '2099-01-01' : null,
          specialToDate: sale && j % 12 === 6 ? '2020-12-31' : null,
          weight: good.weight,
          attributes: { name, description: t.description, short_description: t.short, meta_title: name, color, material: good.materials, eco_collection: j % 4 === 0 },
          stock: { qty, isInStock: qty > 0 },
          categoryLinks: [{ categoryId: categoryIds.get(good.category)!, position: j + 1 }],
          media: [
            { file: image(sku), label: name, types: ['image', 'small_image', 'thumbnail'] },
            { file: image(sku, 'detail'), label: `${name} detail` },
          ],
        },
      });
      french(sku, nameFr, t, slug(nameFr));
    }

    const services: Array<[string, string, string, number, string, string]> = [
      ['SV001', 'Gift Wrapping', 'Emballage cadeau', 500, 'Your order wrapped in recycled paper, with a handwritten card.', 'Votre commande emballée dans du papier recyclé, avec une carte manuscrite.'],
      ['SV002', 'Personal Styling Session', 'Séance de stylisme personnalisée', 4900, 'An hour with a stylist, by video call.', 'Une heure avec un styliste, en visioconférence.'],
    ];
    for (const [sku, name, nameFr, amount, text, textFr] of services) {
      inputs.push({ input: { sku, typeId: 'virtual', price: amount, attributes: { name, description: `<p>${text}</p>` }, stock: { qty: 1000 }, categoryLinks: [{ categoryId: categoryIds.get('Accessories')! }] } });
      french(sku, nameFr, { descriptionFr: `<p>${textFr}</p>`, shortFr: textFr }, slug(nameFr));
    }
    await products.saveMany(inputs);
  });
  // Fresh planner statistics for the tables just filled (Database.optimize).
  await app.db.optimize();
}
