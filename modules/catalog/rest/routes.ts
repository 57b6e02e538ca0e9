import type { RestRoute } from '../../../app';
import { categoryRoutes } from './category.routes';
import { productRoutes } from './product.routes';
import { stockRoutes } from './stock.routes';

export const catalogRoutes: RestRoute[] = [...productRoutes, ...categoryRoutes, ...stockRoutes];
