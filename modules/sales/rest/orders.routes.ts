import { InputError, NoSuchEntityError, type RestRequest, type RestRoute } from '../../../app';
import { CatalogApi } from '../../catalog/api';
import { SalesInternal } from '../model/sales-internal-tokens';
import { orderDto } from './order-dto';
import { parseSearchCriteria } from './search-criteria';

/** Magento_Sales' ACL ids (Sales > Operations > Orders > Actions), declared in the manifest's `acl`. */
export const SalesAcl = {
  sales: 'Magento_Sales::sales',
  operation: 'Magento_Sales::sales_operation',
  order: 'Magento_Sales::sales_order',
  actions: 'Magento_Sales::actions',
  view: 'Magento_Sales::actions_view',
  invoice: 'Magento_Sales::sales_invoice',
  ship: 'Magento_Sales::ship',
  cancel: 'Magento_Sales::cancel',
} as const;

const NOT_FOUND = "The entity that was requested doesn't exist. Verify the entity and try again.";

function orderId(req: RestRequest): number {
  const id = req.params.id;
  if (!/^\d{1,10}$/.test(id)) throw new InputError(`"${id}" is not a valid order id.`);
  return Number(id);
}

/** Currency digits of the order's store view (JPY has none). */
const digitsOf = async (req: RestRequest, storeId: number) => (await req.get(CatalogApi.Context).forStore(storeId)).currencyDigits;

/** Magento's order REST API (`/V1/orders`, `/V1/order/:id/invoice|ship`, `/V1/orders/:id/cancel`), same paths and shapes. */
export const orderRoutes: RestRoute[] = [
  {
    method: 'GET',
    path: '/orders/:id',
    resource: SalesAcl.view,
    handler: async (req) => {
      const order = await req.get(SalesInternal.AdminOrderQuery).byId(orderId(req));
      if (!order) throw new NoSuchEntityError(NOT_FOUND);
      return orderDto(order, await digitsOf(req, Number(order.row.store_id)));
    },
  },
  {
    method: 'GET',
    path: '/orders',
    resource: SalesAcl.order,
    handler: async (req) => {
      const { criteria, echo } = parseSearchCriteria(req.query as Record<string, unknown>);
      const { orders, total } = await req.get(SalesInternal.AdminOrderQuery).search(criteria);
      const items = await Promise.all(orders.map(async (o) => orderDto(o, await digitsOf(req, Number(o.row.store_id)))));
      return { items, search_criteria: echo, total_count: total };
    },
  },
  {
    method: 'POST',
    path: '/order/:id/invoice',
    resource: SalesAcl.invoice,
    handler: (req) => req.get(SalesInternal.OrderLifecycle).invoice(orderId(req)),
  },
  {
    method: 'POST',
    path: '/order/:id/ship',
    resource: SalesAcl.ship,
    handler: (req) => req.get(SalesInternal.OrderLifecycle).ship(orderId(req)),
  },
  {
    method: 'POST',
    path: '/orders/:id/cancel',
    resource: SalesAcl.cancel,
    handler: async (req) => {
      await req.get(SalesInternal.OrderLifecycle).cancel(orderId(req));
      return true;
    },
  },
];
