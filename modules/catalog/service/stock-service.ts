import { inject, injectable } from 'inversify';
import { Kernel, type Clock, type Database, type EventBus } from '../../../app';
import { InputError, NoSuchEntityError } from '../../../app';
import { CatalogTable as T } from '../api/catalog-tables';
import { PRODUCT_NOT_FOUND, type ProductRepository } from '../api/product';
import { QTY_NOT_AVAILABLE, type ReservationLine, type StockItem, type StockItemInput, type StockRegistry, type StockReservations } from '../api/stock';
import { CatalogApi } from '../api/tokens';
import { CatalogInternal } from '../model/catalog-internal-tokens';
import type { ProductReader } from '../model/product-reader';
import { dbTimestamp, placeholders, toBool } from '../model/sql-helpers';

const STOCK_COLUMNS = 'item_id, product_id, qty, reserved_qty, is_in_stock';

interface StockRow {
  item_id: number;
  product_id: number;
  qty: number;
  reserved_qty: number;
  is_in_stock: unknown;
}

const toItem = (r: StockRow): StockItem => {
  const qty = Number(r.qty);
  const reserved = Number(r.reserved_qty);
  return { itemId: Number(r.item_id), productId: Number(r.product_id), qty, reservedQty: reserved, salableQty: Math.max(0, qty - reserved), isInStock: toBool(r.is_in_stock) };
};

/**
 * Stock items and reservations. Editing a stock item goes through the product service (one validation, one event path);
 * reservations move `reserved_qty` with conditional UPDATEs only, so two checkouts racing for the last unit cannot both win,
 * on SQLite or on MariaDB, without any lock held across statements.
 */
@injectable()
export class StockService implements StockRegistry, StockReservations {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.EventBus) private readonly events: EventBus,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(CatalogInternal.ProductReader) private readonly reader: ProductReader,
    @inject(CatalogApi.ProductRepository) private readonly products: ProductRepository,
  ) {}

  async getStockItem(sku: string): Promise<StockItem> {
    const id = await this.idOf(sku);
    return (await this.getStockItems([id])).get(id) ?? { itemId: 0, productId: id, qty: 0, reservedQty: 0, salableQty: 0, isInStock: false };
  }

  async getStockItems(productIds: number[]): Promise<Map<number, StockItem>> {
    if (!productIds.length) return new Map();
    const rows = await this.db.select<StockRow>(`SELECT ${STOCK_COLUMNS} FROM ${T.stockItem} WHERE product_id IN (${placeholders(productIds.length)})`, productIds);
    return new Map(rows.map((r) => [Number(r.product_id), toItem(r)]));
  }

  async updateStockItem(sku: string, input: StockItemInput): Promise<StockItem> {
    const product = await this.products.save({ sku, stock: { qty: input.qty, isInStock: input.isInStock } });
    return product.stock;
  }

  async getSalableQty(sku: string): Promise<number> {
    return (await this.getStockItem(sku)).salableQty;
  }

  reserve(lines: ReservationLine[], reference: string): Promise<void> {
    return this.move(lines, reference, 'reserve');
  }

  release(lines: ReservationLine[], reference: string): Promise<void> {
    return this.move(lines, reference, 'release');
  }

  deduct(lines: ReservationLine[], reference: string): Promise<void> {
    return this.move(lines, reference, 'deduct');
  }

  restock(lines: ReservationLine[], reference: string): Promise<void> {
    return this.move(lines, reference, 'restock');
  }

  private async move(lines: ReservationLine[], reference: string, reason: 'reserve' | 'release' | 'deduct' | 'restock'): Promise<void> {
    if (typeof reference !== 'string' || !reference.trim() || reference.length > 64) throw new InputError('A reservation needs a reference (such as an order number) of at most 64 characters.');
    for (const line of lines) {
      if (!Number.isInteger(line.qty) || line.qty <= 0) throw new InputError(`The quantity for "${line.sku}" must be a whole number greater than 0.`);
    }
    await this.db.transaction(async (trx) => {
      const ids = await this.reader.idsBySku(lines.map((l) => l.sku));
      for (const line of lines) if (!ids.get(line.sku.toLowerCase())) throw new NoSuchEntityError(PRODUCT_NOT_FOUND);
      // Rows are locked in id order, so two multi-line reservations cannot deadlock each other.
      const sorted = [...lines].sort((a, b) => ids.get(a.sku.toLowerCase())! - ids.get(b.sku.toLowerCase())!);
      for (const line of sorted) {
        const id = ids.get(line.sku.toLowerCase())!;
        // A locking read: the latest committed quantities (for the event and the message), held until commit.
        const lock = this.db.client === 'mysql' ? ' FOR UPDATE' : '';
        const [row] = await this.db.select<StockRow>(`SELECT ${STOCK_COLUMNS} FROM ${T.stockItem} WHERE product_id = ?${lock}`, [id]);
        const before = row ? toItem(row) : null;
        const item = trx(T.stockItem).where('product_id', id);
        let changed: number;
        if (reason === 'reserve') {
          // Written out, as every order makes it: only what is salable can be held, in one conditional UPDATE.
          const sql = `UPDATE ${T.stockItem} SET reserved_qty = reserved_qty + ? WHERE product_id = ? AND qty - reserved_qty >= ? AND is_in_stock = ?`;
          changed = (await this.db.execute(sql, [line.qty, id, line.qty, true])).changes;
          if (!changed) throw new InputError(`${QTY_NOT_AVAILABLE} for "${line.sku}": ${before?.salableQty ?? 0} left, ${line.qty} requested.`);
        } else if (reason === 'release') {
          changed = await item.clone().where('reserved_qty', '>=', line.qty).decrement('reserved_qty', line.qty);
          if (!changed) throw new InputError(`Cannot release ${line.qty} of "${line.sku}": only ${before?.reservedQty ?? 0} held.`);
        } else if (reason === 'restock') {
          // Back in stock when the units make a sold-out item salable again. is_in_stock is assigned first: MySQL/MariaDB evaluate
          // SET left to right (a later assignment would see qty already raised), SQLite on the old row; first, both see the old qty.
          changed = await item.clone().update({
            is_in_stock: trx.raw('CASE WHEN qty - reserved_qty <= 0 AND qty - reserved_qty + ? > 0 THEN 1 ELSE is_in_stock END', [line.qty]),
            qty: trx.raw('qty + ?', [line.qty]),
          });
          if (!changed) throw new InputError(`Cannot return ${line.qty} of "${line.sku}" to stock: the product has no stock item.`);
        } else {
          changed = await item.clone().where('reserved_qty', '>=', line.qty).where('qty', '>=', line.qty).update({
            qty: trx.raw('qty - ?', [line.qty]),
            reserved_qty: trx.raw('reserved_qty - ?', [line.qty]),
          });
          if (!changed) throw new InputError(`Cannot deduct ${line.qty} of "${line.sku}": only ${before?.reservedQty ?? 0} held.`);
        }
        await this.db.insert(T.reservation, {
          product_id: id,
          sku: line.sku,
          quantity: reason === 'reserve' || reason === 'restock' ? line.qty : -line.qty,
          reason,
          reference: reference.trim(),
          created_at: dbTimestamp(this.clock.now()),
        });
        // A reservation changed reserved_qty alone, on the row read above and locked since (SQLite's write lock, MySQL's FOR
        // UPDATE): what it holds now follows from it. The other moves read it back.
        const after = reason === 'reserve' && row ? toItem({ ...row, reserved_qty: Number(row.reserved_qty) + line.qty }) : (await this.getStockItems([id])).get(id)!;
        await this.events.dispatch('cataloginventory_stock_item_save_after', { sku: line.sku, item: after, previous: before, reason, reference: reference.trim() });
      }
    });
  }

  private async idOf(sku: string): Promise<number> {
    const id = (await this.reader.idsBySku([sku])).get(String(sku).toLowerCase());
    if (!id) throw new NoSuchEntityError(PRODUCT_NOT_FOUND);
    return id;
  }
}
