import { labelIn } from '../api/attribute';
import type { CategoryLink, MediaEntry, Product, ProductParts } from '../api/product';
import type { ConfigurableData, ProductCore } from './product-core';
import type { AttributeSnapshot } from './attribute-rows';
import type { ProductReader } from './product-reader';

/**
 * Full products (core, gallery, categories, configurable data) for a store view: six queries for any number of ids, fewer when
 * `parts` leaves the gallery or the category links out.
 */
export async function assembleProducts(reader: ProductReader, snapshot: AttributeSnapshot, ids: readonly number[], storeId: number, parts: ProductParts = {}): Promise<Map<number, Product>> {
  const cores = await reader.loadCores(ids, storeId);
  const found = [...cores.keys()];
  if (!found.length) return new Map();
  const none = new Map<number, never[]>();
  const [media, links, configurable] = await Promise.all([
    parts.media === false ? none : reader.loadMedia(found),
    parts.categoryLinks === false ? none : reader.loadCategoryLinks(found),
    reader.loadConfigurable(found.filter((id) => cores.get(id)!.typeId === 'configurable')),
  ]);
  return productsFrom(snapshot, ids, storeId, cores, media, links, configurable);
}

/** Products put together from their parts, in the order of `ids` (ids without a core are left out). */
export function productsFrom(
  snapshot: AttributeSnapshot,
  ids: readonly number[],
  storeId: number,
  cores: ReadonlyMap<number, ProductCore>,
  media: ReadonlyMap<number, MediaEntry[]>,
  links: ReadonlyMap<number, CategoryLink[]>,
  configurable: ReadonlyMap<number, ConfigurableData | null>,
): Map<number, Product> {
  const out = new Map<number, Product>();
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
