import type { Product } from '../api/product';

/** What the storefront reads for every listed product; the gallery, categories and configurable data load separately. */
export type ProductCore = Omit<Product, 'media' | 'categoryLinks' | 'configurable'>;

export interface ConfigurableData {
  options: Array<{ id: number; attributeId: number; position: number; label: string | null; values: number[] }>;
  childIds: number[];
}
