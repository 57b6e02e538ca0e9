/** A category as read for one store view (scoped values resolved: store view value, else the default one). */
export interface Category {
  id: number;
  parentId: number;
  /** Ids from the tree root: "1/2/5/12". */
  path: string;
  /** 0 for the tree root, 1 for a store root such as "Default Category". */
  level: number;
  position: number;
  isActive: boolean;
  includeInMenu: boolean;
  /** Anchor categories list the products of their subcategories too (Magento's default for new categories). */
  isAnchor: boolean;
  name: string;
  urlKey: string | null;
  /** url keys from the store root down, "women/tops"; null for roots. */
  urlPath: string | null;
  description: string | null;
  metaTitle: string | null;
  metaKeywords: string | null;
  metaDescription: string | null;
  /** Direct children, by position. */
  childrenIds: number[];
  createdAt: string;
  updatedAt: string;
  storeId: number;
}

export interface CategoryInput {
  /** Required on create. Changing it moves the category (and its subtree). */
  parentId?: number;
  name?: string;
  urlKey?: string | null;
  isActive?: boolean;
  includeInMenu?: boolean;
  isAnchor?: boolean;
  position?: number;
  description?: string | null;
  metaTitle?: string | null;
  metaKeywords?: string | null;
  metaDescription?: string | null;
}

export interface CategoryRepository {
  /** Throws NoSuchEntityError for an unknown id. */
  get(id: number, options?: { storeId?: number }): Promise<Category>;
  /** Every category (the tree root included) read for a store view, by id. */
  all(storeId?: number): Promise<Map<number, Category>>;
  /** A category by its names from the top ("Default Category/Women/Tops"), for imports. */
  findByNamePath(namePath: string): Promise<Category | undefined>;
  create(input: CategoryInput, options?: { storeId?: number }): Promise<Category>;
  update(id: number, input: CategoryInput, options?: { storeId?: number }): Promise<Category>;
  /** Deletes the category and its subtree; the roots (ids 1 and 2) cannot be deleted. */
  delete(id: number): Promise<void>;
}
