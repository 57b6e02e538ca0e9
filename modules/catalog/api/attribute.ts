/** Magento's frontend_input values the catalog supports. */
export type FrontendInput = 'text' | 'textarea' | 'select' | 'multiselect' | 'price' | 'boolean' | 'date' | 'weight';

/** Where a value is kept: one table per backend type, or a column of the entity/price tables (`static`). */
export type BackendType = 'varchar' | 'text' | 'int' | 'decimal' | 'static';

export type AttributeEntityType = 'catalog_product' | 'catalog_category';

/**
 * Store view scoped attributes keep a default value (store 0) and per-view overrides; global ones keep one value.
 * Comptoir keeps text attributes store-view scoped and option/number attributes global (Magento's defaults for color, size, price).
 */
export type AttributeScope = 'store' | 'global';

export interface AttributeOption {
  id: number;
  sortOrder: number;
  /** The admin (store 0) label. */
  label: string;
  /** Store view labels, by store id. */
  storeLabels: Record<number, string>;
}

export interface AttributeMetadata {
  id: number;
  code: string;
  entityType: AttributeEntityType;
  label: string;
  storeLabels: Record<number, string>;
  input: FrontendInput;
  backendType: BackendType;
  scope: AttributeScope;
  isRequired: boolean;
  isFilterable: boolean;
  isSearchable: boolean;
  isUserDefined: boolean;
  usedForSortBy: boolean;
  position: number;
  options: AttributeOption[];
}

export interface AttributeSet {
  id: number;
  name: string;
  /** Codes of the attributes the set holds (system attributes belong to every set). */
  attributeCodes: string[];
}

export interface AttributeOptionInput {
  label: string;
  sortOrder?: number;
  /** Labels by store view code. */
  storeLabels?: Record<string, string>;
}

export interface CreateAttributeInput {
  code: string;
  label: string;
  input: Exclude<FrontendInput, 'price' | 'weight' | 'date'>;
  isFilterable?: boolean;
  isSearchable?: boolean;
  isRequired?: boolean;
  position?: number;
  /** Labels by store view code. */
  storeLabels?: Record<string, string>;
  options?: AttributeOptionInput[];
  /** Attribute sets (by name) the attribute joins; the default set when omitted. */
  attributeSets?: string[];
}

/** Product attributes, attribute sets and options: read from a shared snapshot, written through the service. */
export interface AttributeRepository {
  list(entityType?: AttributeEntityType): Promise<AttributeMetadata[]>;
  get(code: string, entityType?: AttributeEntityType): Promise<AttributeMetadata | undefined>;
  listSets(): Promise<AttributeSet[]>;
  getSet(idOrName: number | string): Promise<AttributeSet | undefined>;
  create(input: CreateAttributeInput): Promise<AttributeMetadata>;
  addOptions(code: string, options: AttributeOptionInput[]): Promise<AttributeMetadata>;
  createSet(name: string, attributeCodes: string[]): Promise<AttributeSet>;
}

/** The label of an attribute or option in a store view, falling back to the admin label. */
export function labelIn(item: { label: string; storeLabels: Record<number, string> }, storeId: number): string {
  return item.storeLabels[storeId] ?? item.label;
}
