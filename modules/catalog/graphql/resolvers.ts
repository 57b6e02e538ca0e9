import type { ResolverMap } from '../../../app';
import { resolveCategories, resolveCategory, resolveCategoryList } from './categories.resolver';
import { categoryTreeResolvers } from './category.resolvers';
import { configurableResolvers } from './configurable.resolvers';
import { productExtraTypeResolvers } from './product-extras.resolvers';
import { productFieldResolvers, productTypeName, withoutWeight } from './product.resolvers';
import { productsResolvers, resolveProducts } from './products.resolver';
import { resolveRoute, resolveUrlResolver } from './route.resolver';
import { storeConfigResolvers } from './store-config.resolvers';

const productType = (value: { typeId: string }) => productTypeName(value);

export const catalogResolvers: ResolverMap = {
  Query: {
    products: resolveProducts,
    categories: resolveCategories,
    route: resolveRoute,
    categoryList: resolveCategoryList,
    category: resolveCategory,
    urlResolver: resolveUrlResolver,
  },
  Products: productsResolvers,
  ProductInterface: { __resolveType: productType },
  PhysicalProductInterface: { __resolveType: productType },
  RoutableInterface: { __resolveType: (value: { typeId?: string }) => (value.typeId ? productTypeName(value as { typeId: string }) : 'CategoryTree') },
  CategoryInterface: { __resolveType: () => 'CategoryTree' },
  MediaGalleryInterface: { __resolveType: () => 'ProductImage' },
  AggregationOptionInterface: { __resolveType: () => 'AggregationOption' },
  ...productExtraTypeResolvers,
  SimpleProduct: productFieldResolvers,
  VirtualProduct: withoutWeight(productFieldResolvers),
  ConfigurableProduct: { ...productFieldResolvers, ...configurableResolvers },
  CategoryTree: categoryTreeResolvers,
  StoreConfig: storeConfigResolvers,
};
