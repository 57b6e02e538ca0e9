import { inject, injectable } from 'inversify';
import { InputError, Kernel, NoSuchEntityError, type Clock, type Database, type EventBus } from '../../../app';
import { SalesTable as T } from '../api/sales-tables';
import { ORDER_STATUS_HISTORY } from './order-comments';
import { NOT_FOUND } from './order-documents';

export interface OrderCommentRequest {
  comment: string;
  /** Magento's is_customer_notified: the customer is emailed the comment (Magento's OrderCommentSender). */
  isCustomerNotified: boolean;
  /** Shown with the order on the storefront (CustomerOrder.comments) and in that email. */
  isVisibleOnFront: boolean;
  /** Magento lets a comment move the order to another status of its state; here each state has one status, so only it is taken. */
  status?: string | null;
}

/**
 * Magento's OrderManagementInterface::addComment / getCommentsList: an admin's comment in the order's history, written with
 * its event in one transaction. A notified comment is emailed after commit by the async observer of
 * `sales_order_status_history_save_after` (as the document emails are), so a failing mail never undoes the comment.
 */
@injectable()
export class OrderCommentService {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.EventBus) private readonly events: EventBus,
    @inject(Kernel.Clock) private readonly clock: Clock,
  ) {}

  /** Answers the comment's id. */
  async add(orderId: number, request: OrderCommentRequest): Promise<number> {
    const comment = request.comment.trim();
    if (!comment) throw new InputError('The "comment" value is required.');
    return this.db.transaction(async () => {
      const [order] = await this.db.select<{ status: string; state: string }>(`SELECT status, state FROM ${T.order} WHERE entity_id = ?`, [orderId]);
      if (!order) throw new NoSuchEntityError(NOT_FOUND);
      if (request.status != null && request.status !== order.status) {
        throw new InputError(`The status "${request.status}" is not available for an order in the "${order.state}" state.`);
      }
      const id = await this.db.insert(ORDER_STATUS_HISTORY, {
        parent_id: orderId,
        comment,
        status: order.status,
        is_customer_notified: request.isCustomerNotified,
        is_visible_on_front: request.isVisibleOnFront,
        created_at: this.clock.now().getTime(),
      });
      await this.events.dispatch('sales_order_status_history_save_after', { orderId, commentId: id, notify: request.isCustomerNotified });
      return id;
    });
  }
}
