import { z } from 'zod';
import type { RestRequest, RestRoute } from '../../../app';
import { InputError } from '../../../app';
import { CatalogApi } from '../api/tokens';
import { toRestStockItem } from './product-rest.mapper';

const RESOURCE = 'Magento_CatalogInventory::cataloginventory';

const stockItemRequest = z.object({
  stockItem: z.object({
    item_id: z.number().int().optional(),
    product_id: z.number().int().optional(),
    stock_id: z.number().int().optional(),
    qty: z.number().optional(),
    is_in_stock: z.boolean().optional(),
  }),
});
type StockItemRequest = z.infer<typeof stockItemRequest>;

async function update(req: RestRequest<unknown>) {
  const { qty, is_in_stock: isInStock } = (req.body as StockItemRequest).stockItem;
  if (qty === undefined && isInStock === undefined) throw new InputError('stockItem needs qty or is_in_stock.');
  const item = await req.get(CatalogApi.StockRegistry).updateStockItem(req.params.sku, { qty, isInStock });
  return { item, body: toRestStockItem({ stock: item }) };
}

/** Magento's stock item routes: GET /V1/stockItems/:sku, PUT /V1/products/:sku/stockItems/:itemId (and PUT /V1/stockItems/:sku). */
export const stockRoutes: RestRoute[] = [
  { method: 'GET', path: '/stockItems/:sku', resource: RESOURCE, handler: async (req) => toRestStockItem({ stock: await req.get(CatalogApi.StockRegistry).getStockItem(req.params.sku) }) },
  { method: 'PUT', path: '/stockItems/:sku', resource: RESOURCE, body: stockItemRequest, handler: async (req) => (await update(req)).body },
  {
    method: 'PUT',
    path: '/products/:sku/stockItems/:itemId',
    resource: RESOURCE,
    body: stockItemRequest,
    handler: async (req) => {
      const current = await req.get(CatalogApi.StockRegistry).getStockItem(req.params.sku);
      if (String(current.itemId) !== req.params.itemId) throw new InputError(`Stock item ${req.params.itemId} is not the stock item of "${req.params.sku}".`);
      // Magento answers this route with the stock item id.
      return (await update(req)).item.itemId;
    },
  },
];
