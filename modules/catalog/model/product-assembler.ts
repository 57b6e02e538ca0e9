import { labelIn } from '../api/attribute';
import type { Product } from '../api/product';
import type { AttributeSnapshot } from './attribute-rows';
import type { ProductReader } from './product-reader';

/** Full products (core, gallery, categories, configurable data) for a store view: six queries for any number of ids. */
export async function assembleProducts(reader: ProductReader, snapshot: AttributeSnapshot, ids: readonly number[], storeId: number): Promise<Map<number, Product>> {
  const cores = await reader.loadCores(ids, storeId);
  const found = [...cores.keys()];
  const out = new Map<number, Product>();
  if (!found.length) return out;
  const [media, links, configurable] = await Promise.all([reader.loadMedia(found), reader.loadCategoryLinks(found), reader.loadConfigurable(found.filter((id) => cores.get(id)!.typeId === 'configurable'))]);
  for (const id of ids) {
    const core = cores.get(id);
    if (!core) continue;
    const config = configurable.get(id);
    out.set(id, {
      ...core,
      media: media.get(id) ?? [],
      categoryLinks: links.get(id) ?? [],
      configurable:
        core.typeId === 'configurable'
          ? {
              childIds: config?.childIds ?? [],
              options: (config?.options ?? []).map((o) => {
                const attribute = snapshot.getById(o.attributeId);
                return { ...o, attributeCode: attribute?.code ?? '', label: o.label ?? (attribute ? labelIn(attribute, storeId) : '') };
              }),
            }
          : null,
    });
  }
  return out;
}
