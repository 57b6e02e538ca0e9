export interface StockItem {
  /** The stock item's own id (Magento's item_id); 0 before the product has one. */
  itemId: number;
  productId: number;
  /** On hand. */
  qty: number;
  /** Held by unfinished orders (the reservation API). */
  reservedQty: number;
  /** qty - reservedQty, never below 0. */
  salableQty: number;
  /** The merchant's flag; a product is salable when this is on and salableQty > 0. */
  isInStock: boolean;
}

export interface StockItemInput {
  qty?: number;
  isInStock?: boolean;
}

export interface StockRegistry {
  /** Throws NoSuchEntityError for an unknown sku. */
  getStockItem(sku: string): Promise<StockItem>;
  getStockItems(productIds: number[]): Promise<Map<number, StockItem>>;
  /** Validates, writes and dispatches cataloginventory_stock_item_save_after. */
  updateStockItem(sku: string, input: StockItemInput): Promise<StockItem>;
}

export interface ReservationLine {
  sku: string;
  qty: number;
}

/**
 * Holds stock for orders. Each line is one conditional UPDATE (reserved + n only where qty - reserved >= n), so concurrent
 * checkouts can never oversell; a request is all-or-nothing (one transaction). Each change is logged in inventory_reservation
 * with its reference (an order number) and dispatches the stock event.
 */
export interface StockReservations {
  /** Throws InputError "The requested qty is not available" (naming the sku) when any line cannot be held. */
  reserve(lines: ReservationLine[], reference: string): Promise<void>;
  /** Gives held quantities back (cancelled order); never releases more than is held. */
  release(lines: ReservationLine[], reference: string): Promise<void>;
  /** Ships held quantities: qty and reserved both go down (the goods left the warehouse). */
  deduct(lines: ReservationLine[], reference: string): Promise<void>;
  /**
   * Returns shipped units to stock (a credit memo's return_to_stock_items): qty goes up, nothing held changes. An item that was
   * not salable (nothing left beyond what is held) and becomes salable is put back in stock; an item the merchant flagged out
   * of stock while it still had salable units keeps the flag. Logged with a positive quantity and the reason "restock".
   */
  restock(lines: ReservationLine[], reference: string): Promise<void>;
  getSalableQty(sku: string): Promise<number>;
}

export const QTY_NOT_AVAILABLE = 'The requested qty is not available';
