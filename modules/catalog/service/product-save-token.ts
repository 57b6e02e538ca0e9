import { createToken } from '../../../app';
import type { ProductSaveService } from './product-save-service';

/** Internal: the write side behind CatalogApi.ProductRepository. */
export const ProductSaveToken = createToken<ProductSaveService>('Comptoir_Catalog.internal.ProductSave');
