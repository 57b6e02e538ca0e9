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
  const rows = await conn(ORDER_STATUS_HISTORY).where('parent_id', orderId).orderBy('entity_id');
  return rows.map((r) => ({
    comment: String(r.comment),
    status: String(r.status),
    isCustomerNotified: Boolean(Number(r.is_customer_notified)),
    isVisibleOnFront: Boolean(Number(r.is_visible_on_front)),
    createdAt: Number(r.created_at),
  }));
}
