import type { AttributeSet } from '../api/attribute';
import type { ProductTypeId } from '../api/product';
import type { ValidationContext } from './product-input-validator';

/** What a configurable needs to know about a child: its type and its select values by attribute code. */
export interface ChildInfo {
  typeId: ProductTypeId;
  options: Record<string, number | null>;
}

/**
 * Super attributes must be global select attributes of the parent's set; children must be simple or virtual products with
 * a value for each super attribute, no two with the same combination.
 */
export function validateConfigurable(
  input: { attributeCodes: string[]; childSkus: string[]; labels?: Record<string, string> },
  parentSku: string,
  set: AttributeSet | undefined,
  ctx: ValidationContext,
  issue: (field: string, message: string) => void,
): { attributeIds: number[]; childSkus: string[]; labels: Record<number, string> } | null {
  const codes = [...new Set((input.attributeCodes ?? []).map((c) => String(c).trim()))];
  if (!codes.length) {
    issue('configurable_attributes', 'a configurable product needs at least one super attribute (such as color or size)');
    return null;
  }
  const attributeIds: number[] = [];
  for (const code of codes) {
    const attribute = ctx.snapshot.get(code);
    if (!attribute) issue('configurable_attributes', `the product attribute "${code}" does not exist`);
    else if (attribute.input !== 'select' || attribute.scope !== 'global') issue('configurable_attributes', `"${code}" cannot be a super attribute: it must be a global dropdown (select) attribute`);
    else if (set && !set.attributeCodes.includes(code)) issue('configurable_attributes', `the attribute "${code}" is not in the attribute set "${set.name}"`);
    else attributeIds.push(attribute.id);
  }
  const combinations = new Map<string, string>();
  const childSkus: string[] = [];
  for (const raw of input.childSkus ?? []) {
    const sku = String(raw).trim();
    const key = sku.toLowerCase();
    if (key === parentSku.toLowerCase()) {
      issue('configurable_variations', 'a configurable product cannot be its own child');
      continue;
    }
    const stored = ctx.existing.get(key);
    const child: ChildInfo | undefined =
      ctx.pending.get(key) ??
      (stored && {
        typeId: stored.core.typeId,
        options: Object.fromEntries(codes.map((code) => [code, typeof stored.core.attributes[code] === 'number' ? (stored.core.attributes[code] as number) : null])),
      });
    if (!child) {
      issue('configurable_variations', `the child product "${sku}" does not exist`);
      continue;
    }
    // ConfigurableVariant.product is a SimpleProduct in Magento's schema: children are simple products.
    if (child.typeId !== 'simple') {
      issue('configurable_variations', `the child product "${sku}" is ${child.typeId}: children are simple products`);
      continue;
    }
    const missing = codes.filter((code) => child.options[code] === null || child.options[code] === undefined);
    if (missing.length) {
      issue('configurable_variations', `the child product "${sku}" has no value for ${missing.map((c) => `"${c}"`).join(', ')}`);
      continue;
    }
    const combination = codes.map((code) => child.options[code]).join('/');
    const twin = combinations.get(combination);
    if (twin) {
      issue('configurable_variations', `the child products "${twin}" and "${sku}" have the same ${codes.join('/')} values`);
      continue;
    }
    combinations.set(combination, sku);
    if (!childSkus.some((s) => s.toLowerCase() === key)) childSkus.push(sku);
  }
  const labels: Record<number, string> = {};
  for (const [code, label] of Object.entries(input.labels ?? {})) {
    const attribute = ctx.snapshot.get(code);
    if (!attribute || !codes.includes(code)) issue('configurable_variation_labels', `"${code}" is not a super attribute of this product`);
    else if (typeof label !== 'string' || !label.trim() || label.length > 255) issue('configurable_variation_labels', `the label of "${code}" must be text of at most 255 characters`);
    else labels[attribute.id] = label.trim();
  }
  return { attributeIds, childSkus, labels };
}
