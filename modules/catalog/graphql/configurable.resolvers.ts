import type { GraphQLContext } from '../../../app';
import { labelIn, type AttributeMetadata } from '../api/attribute';
import { ProductStatus } from '../api/product';
import type { AttributeSnapshot } from '../model/attribute-rows';
import type { ConfigurableData, ProductCore } from '../model/product-core';
import { encodeUid } from '../model/uid';
import { CatalogRequest, type ProductSource } from './catalog-request';
import { deepFreeze } from '../model/deep-freeze';

type Build<T> = (data: ConfigurableData | null, children: ProductCore[], snapshot: AttributeSnapshot) => T;

/** Answers from what the page already loaded when it can (no promise), else through the loaders. */
function withConfigurable<T>(product: ProductSource, ctx: GraphQLContext, build: Build<T>): T | Promise<T> {
  const request = CatalogRequest.of(ctx);
  const data = request.configurableNow(product.id);
  const children = request.childrenNow(product.id);
  if (data !== undefined && children && request.snapshotValue) return build(data, children, request.snapshotValue);
  return Promise.all([request.configurable.load(product.id), request.children(product.id), request.snapshot]).then(([d, c, s]) => build(d, c, s));
}

/** ConfigurableProduct's own fields; uids are Magento's (base64 of "configurable/<product or attribute id>/<id>"). */
export const configurableResolvers = {
  configurable_options: (product: ProductSource, _args: unknown, ctx: GraphQLContext) =>
    withConfigurable(product, ctx, (data, children, snapshot) => optionsOfKept(product, data, children, snapshot, ctx.store.storeId)),
  variants: (product: ProductSource, _args: unknown, ctx: GraphQLContext) =>
    withConfigurable(product, ctx, (data, children, snapshot) => variantsOf(data, children, snapshot, ctx.store.storeId)),
};

/**
 * The options of a configurable worked out last time, by its configurable data: kept while that data (from the shared flat
 * document), the children's attribute values (shared the same way), the attribute snapshot and the store view are the very
 * same objects. A category page asks for a dozen products' options on every request; only their stock changes, and options
 * do not depend on it. The answer is frozen, since requests share it.
 */
const keptOptions = new WeakMap<ConfigurableData, { productId: number; storeId: number; snapshot: AttributeSnapshot; childValues: readonly object[]; options: ReturnType<typeof optionsOf> }>();

function optionsOfKept(product: ProductSource, data: ConfigurableData | null, children: ProductCore[], snapshot: AttributeSnapshot, storeId: number) {
  if (!data) return optionsOf(product, data, children, snapshot, storeId);
  const kept = keptOptions.get(data);
  if (
    kept &&
    kept.productId === product.id &&
    kept.storeId === storeId &&
    kept.snapshot === snapshot &&
    kept.childValues.length === children.length &&
    children.every((child, i) => child.attributes === kept.childValues[i])
  ) {
    return kept.options;
  }
  const options = deepFreeze(optionsOf(product, data, children, snapshot, storeId));
  keptOptions.set(data, { productId: product.id, storeId, snapshot, childValues: children.map((c) => c.attributes), options });
  return options;
}

function optionsOf(product: ProductSource, data: ConfigurableData | null, children: ProductCore[], snapshot: AttributeSnapshot, storeId: number) {
  return (data?.options ?? []).map((option) => {
    const attribute = snapshot.getById(option.attributeId);
    // The values the children use (all of them: Magento lists the options of disabled variants too).
    const used = new Set(children.map((c) => c.attributes[attribute?.code ?? '']).filter((v): v is number => typeof v === 'number'));
    return {
      id: option.id,
      uid: encodeUid(`configurable/${product.id}/${option.attributeId}`),
      attribute_id: String(option.attributeId),
      attribute_id_v2: option.attributeId,
      attribute_uid: encodeUid(option.attributeId),
      attribute_code: attribute?.code ?? null,
      label: option.label ?? (attribute ? labelIn(attribute, storeId) : null),
      position: option.position,
      product_id: product.id,
      use_default: false,
      values: (attribute?.options ?? [])
        .filter((value) => used.has(value.id))
        .map((value) => ({
          uid: encodeUid(`configurable/${option.attributeId}/${value.id}`),
          value_index: value.id,
          label: labelIn(value, storeId),
          default_label: value.label,
          store_label: labelIn(value, storeId),
          use_default_value: value.storeLabels[storeId] === undefined,
        })),
    };
  });
}

function variantsOf(data: ConfigurableData | null, children: ProductCore[], snapshot: AttributeSnapshot, storeId: number) {
  const attributes = (data?.options ?? []).map((o) => snapshot.getById(o.attributeId)).filter((a) => !!a);
  return children
    .filter((child) => child.status === ProductStatus.Enabled)
    .map((child) => ({
      product: child,
      attributes: attributes.map((attribute) => {
        const value = child.attributes[attribute.code];
        return new VariantAttribute(attribute, typeof value === 'number' ? value : null, storeId);
      }),
    }));
}

/**
 * A variant's ConfigurableAttributeOption. Its label and uid are worked out when a query asks for them: a category page lists
 * about a hundred variants with two attributes each and usually asks for the codes and value indexes only.
 */
class VariantAttribute {
  readonly code: string;

  constructor(
    private readonly attribute: AttributeMetadata,
    readonly value_index: number | null,
    private readonly storeId: number,
  ) {
    this.code = attribute.code;
  }

  get label(): string | null {
    const option = this.attribute.options.find((o) => o.id === this.value_index);
    return option ? labelIn(option, this.storeId) : null;
  }

  get uid(): string {
    return encodeUid(`configurable/${this.attribute.id}/${this.value_index}`);
  }
}
