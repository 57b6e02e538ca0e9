import type { GraphQLContext } from '../../../app';
import { labelIn, type AttributeMetadata } from '../api/attribute';
import { ProductStatus } from '../api/product';
import type { AttributeSnapshot } from '../model/attribute-rows';
import type { ConfigurableData, ProductCore } from '../model/product-core';
import { encodeUid } from '../model/uid';
import { CatalogRequest, type ProductSource } from './catalog-request';

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
    withConfigurable(product, ctx, (data, children, snapshot) => optionsOf(product, data, children, snapshot, ctx.store.storeId)),
  variants: (product: ProductSource, _args: unknown, ctx: GraphQLContext) =>
    withConfigurable(product, ctx, (data, children, snapshot) => variantsOf(data, children, snapshot, ctx.store.storeId)),
};

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
