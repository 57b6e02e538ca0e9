import type { AttributeEntityType, AttributeMetadata, AttributeOption, AttributeSet, BackendType, FrontendInput } from '../api/attribute';
import { toBool } from './sql-helpers';

export interface AttributeRow {
  attribute_id: number;
  entity_type: string;
  attribute_code: string;
  frontend_label: string;
  frontend_input: string;
  backend_type: string;
  scope: string;
  is_required: unknown;
  is_filterable: unknown;
  is_searchable: unknown;
  is_user_defined: unknown;
  used_for_sort_by: unknown;
  position: number;
}

export function toAttribute(row: AttributeRow, storeLabels: Record<number, string>, options: AttributeOption[]): AttributeMetadata {
  return {
    id: Number(row.attribute_id),
    code: row.attribute_code,
    entityType: row.entity_type as AttributeEntityType,
    label: row.frontend_label,
    storeLabels,
    input: row.frontend_input as FrontendInput,
    backendType: row.backend_type as BackendType,
    scope: row.scope === 'store' ? 'store' : 'global',
    isRequired: toBool(row.is_required),
    isFilterable: toBool(row.is_filterable),
    isSearchable: toBool(row.is_searchable),
    isUserDefined: toBool(row.is_user_defined),
    usedForSortBy: toBool(row.used_for_sort_by),
    position: Number(row.position),
    options,
  };
}

/** Everything about attributes, read at once: a handful of small tables. */
export class AttributeSnapshot {
  private readonly byKey = new Map<string, AttributeMetadata>();
  private readonly byId = new Map<number, AttributeMetadata>();
  private readonly optionOwner = new Map<number, AttributeMetadata>();

  constructor(
    readonly attributes: AttributeMetadata[],
    readonly sets: AttributeSet[],
  ) {
    for (const attribute of attributes) {
      this.byKey.set(`${attribute.entityType}:${attribute.code}`, attribute);
      this.byId.set(attribute.id, attribute);
      for (const option of attribute.options) this.optionOwner.set(option.id, attribute);
    }
  }

  get(code: string, entityType: AttributeEntityType = 'catalog_product'): AttributeMetadata | undefined {
    return this.byKey.get(`${entityType}:${code}`);
  }

  require(code: string, entityType: AttributeEntityType = 'catalog_product'): AttributeMetadata {
    const attribute = this.get(code, entityType);
    if (!attribute) throw new Error(`The ${entityType} attribute "${code}" is missing (did the catalog migrations run?)`);
    return attribute;
  }

  getById(id: number): AttributeMetadata | undefined {
    return this.byId.get(id);
  }

  list(entityType: AttributeEntityType = 'catalog_product'): AttributeMetadata[] {
    return this.attributes.filter((a) => a.entityType === entityType);
  }

  option(optionId: number): { attribute: AttributeMetadata; option: AttributeOption } | undefined {
    const attribute = this.optionOwner.get(optionId);
    const option = attribute?.options.find((o) => o.id === optionId);
    return attribute && option ? { attribute, option } : undefined;
  }

  set(idOrName: number | string): AttributeSet | undefined {
    return typeof idOrName === 'number' ? this.sets.find((s) => s.id === idOrName) : this.sets.find((s) => s.name.toLowerCase() === idOrName.toLowerCase());
  }
}
