import type { RestRequest, RestRoute } from '../../../app';
import { InputError } from '../../../app';
import { StoreApi } from '../../store/api';
import type { Product } from '../api/product';
import { CatalogApi } from '../api/tokens';
import { productRequestSchema, type ProductRequest } from './product-body.schema';
import { fromRestProduct, toRestProduct } from './product-rest.mapper';
import { storeIdOf } from './rest-helpers';
import { parseSearchCriteria, searchCriteriaOutput } from './search-criteria.parser';

const RESOURCE = 'Magento_Catalog::products';

async function output(req: RestRequest<unknown>, products: Product[]) {
  const { currencyDigits } = await req.get(CatalogApi.Context).forStore(storeIdOf(req));
  const websites = (await req.get(StoreApi.StoreRepository).listWebsites()).map((w) => w.id);
  return products.map((p) => toRestProduct(p, currencyDigits, websites));
}

async function save(req: RestRequest<ProductRequest>, sku: string, existing?: Product) {
  const storeId = storeIdOf(req);
  const { currencyDigits } = await req.get(CatalogApi.Context).forStore(storeId);
  const products = req.get(CatalogApi.ProductRepository);
  const input = await fromRestProduct(req.body.product, sku, currencyDigits, { attributes: req.get(CatalogApi.AttributeRepository), products }, existing);
  const saved = await products.save(input, { storeId });
  return (await output(req, [saved]))[0];
}

/** Magento's /V1/products: create, read, update, delete by sku, and search with searchCriteria. */
export const productRoutes: RestRoute[] = [
  {
    method: 'POST',
    path: '/products',
    resource: RESOURCE,
    body: productRequestSchema,
    handler: async (req) => {
      const { sku } = (req as RestRequest<ProductRequest>).body.product;
      if (!sku?.trim()) throw new InputError('The "sku" attribute value is empty. Set the attribute and try again.');
      return save(req as RestRequest<ProductRequest>, sku);
    },
  },
  {
    method: 'PUT',
    path: '/products/:sku',
    resource: RESOURCE,
    body: productRequestSchema,
    handler: async (req) => {
      const existing = await req.get(CatalogApi.ProductRepository).get(req.params.sku);
      return save(req as RestRequest<ProductRequest>, existing.sku, existing);
    },
  },
  {
    method: 'GET',
    path: '/products/:sku',
    resource: RESOURCE,
    handler: async (req) => (await output(req, [await req.get(CatalogApi.ProductRepository).get(req.params.sku, { storeId: storeIdOf(req) })]))[0],
  },
  {
    method: 'DELETE',
    path: '/products/:sku',
    resource: RESOURCE,
    handler: async (req) => {
      await req.get(CatalogApi.ProductRepository).delete(req.params.sku);
      return true;
    },
  },
  {
    method: 'GET',
    path: '/products',
    resource: RESOURCE,
    handler: async (req) => {
      const criteria = parseSearchCriteria(req.query as Record<string, unknown>);
      const list = await req.get(CatalogApi.ProductRepository).getList(criteria, { storeId: storeIdOf(req) });
      return { items: await output(req, list.items), search_criteria: searchCriteriaOutput(criteria), total_count: list.totalCount };
    },
  },
];
