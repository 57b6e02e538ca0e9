/** Payloads carry ids only: async observers' payloads are stored in event_outbox. */
export interface OrderPlaceBeforeEvent {
  quoteId: number;
  incrementId: string;
}

export interface OrderPlacedEvent {
  orderId: number;
  quoteId: number;
  incrementId: string;
  storeId: number;
  customerId: number | null;
  /** The cart price rules the order's totals applied (Magento's applied_rule_ids), with the coupon used for each, if any. */
  appliedRules: Array<{ ruleId: number; couponId: number | null }>;
}

export interface InvoiceSavedEvent {
  orderId: number;
  invoiceId: number;
  incrementId: string;
  /** Magento's `notify`: the admin asked for the customer email (sent after commit by an async observer). */
  notify: boolean;
}

/** An open invoice captured (Magento's sales_order_invoice_pay) or voided (sales_order_invoice_cancel). */
export interface InvoiceStateEvent {
  orderId: number;
  invoiceId: number;
}

export interface ShipmentSavedEvent {
  orderId: number;
  shipmentId: number;
  incrementId: string;
  /** Magento's `notify`: the admin asked for the customer email (sent after commit by an async observer). */
  notify: boolean;
}

export interface CreditmemoSavedEvent {
  orderId: number;
  creditmemoId: number;
  incrementId: string;
  /** Magento's `notify`: the admin asked for the customer email (sent after commit by an async observer). */
  notify: boolean;
}

/** A comment added to an order's history by an admin (Magento's sales_order_status_history_save_after). */
export interface OrderCommentSavedEvent {
  orderId: number;
  commentId: number;
  /** Magento's is_customer_notified: the customer is emailed the comment (after commit, by an async observer). */
  notify: boolean;
}

export interface OrderCanceledEvent {
  orderId: number;
  incrementId: string;
  /** The quantities this cancel took, per order line (a cancel after a partial invoice or shipment takes only what was left). */
  items: Array<{ orderItemId: number; qty: number }>;
}

declare module '../../../app/event/event-map' {
  interface EventMap {
    sales_order_place_before: OrderPlaceBeforeEvent;
    sales_order_place_after: OrderPlacedEvent;
    checkout_submit_all_after: OrderPlacedEvent;
    sales_order_invoice_save_after: InvoiceSavedEvent;
    sales_order_invoice_pay: InvoiceStateEvent;
    sales_order_invoice_cancel: InvoiceStateEvent;
    sales_order_shipment_save_after: ShipmentSavedEvent;
    sales_order_creditmemo_save_after: CreditmemoSavedEvent;
    order_cancel_after: OrderCanceledEvent;
    sales_order_status_history_save_after: OrderCommentSavedEvent;
  }
}
