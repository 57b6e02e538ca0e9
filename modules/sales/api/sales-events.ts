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
}

declare module '../../../app/event/event-map' {
  interface EventMap {
    sales_order_place_before: OrderPlaceBeforeEvent;
    sales_order_place_after: OrderPlacedEvent;
    checkout_submit_all_after: OrderPlacedEvent;
  }
}
