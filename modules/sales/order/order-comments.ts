import type { Knex } from 'knex';

/** Magento's sales_order_status_history: the comments of an order's history (here, the reason a customer canceled it). */
export const ORDER_STATUS_HISTORY = 'sales_order_status_history';

export interface OrderComment {
  orderId: number;
  comment: string;
  /** The order's status when the comment was made (Magento's status column). */
  status: string;
  isCustomerNotified: boolean;
  isVisibleOnFront: boolean;
  createdAt: number;
}

/** Adds a comment to an order's history, in the caller's transaction (`conn`). */
export async function addOrderComment(conn: Knex, comment: OrderComment): Promise<void> {
  await conn(ORDER_STATUS_HISTORY).insert({
    parent_id: comment.orderId,
    comment: comment.comment,
    status: comment.status,
    is_customer_notified: comment.isCustomerNotified,
    is_visible_on_front: comment.isVisibleOnFront,
    created_at: comment.createdAt,
  });
}

/** An order's history, oldest first. */
export async function orderComments(conn: Knex, orderId: number): Promise<Array<Omit<OrderComment, 'orderId'>>> {
  return (await orderHistory(conn, orderId)).map(({ id: _id, ...comment }) => comment);
}

/** An order's history, oldest first, with each comment's id (Magento's entity_id). */
export async function orderHistory(conn: Knex, orderId: number): Promise<Array<Omit<OrderComment, 'orderId'> & { id: number }>> {
  const rows = await conn(ORDER_STATUS_HISTORY).where('parent_id', orderId).orderBy('entity_id');
  return rows.map((r) => ({
    id: Number(r.entity_id),
    comment: String(r.comment),
    status: String(r.status),
    isCustomerNotified: Boolean(Number(r.is_customer_notified)),
    isVisibleOnFront: Boolean(Number(r.is_visible_on_front)),
    createdAt: Number(r.created_at),
  }));
}

/**
 * The storefront's comments (is_visible_on_front) of a page of orders, oldest first, in one query: CustomerOrder.comments.
 * Orders without any are absent from the map.
 */
export async function visibleOrderComments(conn: Knex, orderIds: readonly number[]): Promise<Map<number, Array<{ comment: string; createdAt: number }>>> {
  const out = new Map<number, Array<{ comment: string; createdAt: number }>>();
  if (!orderIds.length) return out;
  const rows = await conn(ORDER_STATUS_HISTORY)
    .whereIn('parent_id', [...orderIds])
    .where('is_visible_on_front', true)
    .orderBy([{ column: 'created_at' }, { column: 'entity_id' }])
    .select('parent_id', 'comment', 'created_at');
  for (const r of rows) {
    const id = Number(r.parent_id);
    out.set(id, [...(out.get(id) ?? []), { comment: String(r.comment), createdAt: Number(r.created_at) }]);
  }
  return out;
}
