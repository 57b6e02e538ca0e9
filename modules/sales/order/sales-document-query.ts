import { inject, injectable } from 'inversify';
import { Kernel, type Database } from '../../../app';
import { SalesTable as T } from '../api/sales-tables';
import { searchRows, type OrderCriteria } from './admin-order-query';

export type DocumentKind = 'invoice' | 'shipment' | 'creditmemo';

/** One invoice, shipment or credit memo as stored: amounts in minor units, lines and tracks parsed. */
export interface SalesDocument {
  kind: DocumentKind;
  id: number;
  orderId: number;
  number: string;
  row: Record<string, unknown>;
  items: Array<{ order_item_id: number; qty: number; price?: number; row_total?: number; discount_amount?: number; tax_amount?: number; back_to_stock?: boolean }>;
  tracks: Array<{ track_number: string; title: string; carrier_code: string }>;
  comment: { text: string; visible: boolean; createdAt: number } | null;
}

const TABLES = { invoice: T.invoice, shipment: T.shipment, creditmemo: T.creditmemo } as const;

/** Reads sales documents by id (admin API) or for a page of orders (storefront), one query per kind. */
@injectable()
export class SalesDocumentQuery {
  constructor(@inject(Kernel.Database) private readonly db: Database) {}

  async byId(kind: DocumentKind, id: number): Promise<SalesDocument | undefined> {
    const row = await this.db.conn()(TABLES[kind]).where('entity_id', id).first();
    return row ? toDocument(kind, row) : undefined;
  }

  /** Magento's invoice, shipment and credit memo repositories' getList: a page of documents matching searchCriteria. */
  async search(kind: DocumentKind, criteria: OrderCriteria): Promise<{ documents: SalesDocument[]; total: number }> {
    const { rows, total } = await searchRows(this.db.conn()(TABLES[kind]), criteria);
    return { documents: rows.map((row) => toDocument(kind, row)), total };
  }

  async forOrders(kind: DocumentKind, orderIds: readonly number[]): Promise<Map<number, SalesDocument[]>> {
    const rows = orderIds.length ? await this.db.conn()(TABLES[kind]).whereIn('order_id', orderIds).orderBy('entity_id') : [];
    const out = new Map<number, SalesDocument[]>();
    for (const row of rows) {
      const doc = toDocument(kind, row);
      out.set(doc.orderId, [...(out.get(doc.orderId) ?? []), doc]);
    }
    return out;
  }

  /** The order's items for a page of orders, in one query. */
  async orderItems(orderIds: readonly number[]): Promise<Map<number, Array<Record<string, unknown>>>> {
    const rows = orderIds.length ? await this.db.conn()(T.orderItem).whereIn('order_id', orderIds).orderBy('item_id') : [];
    const out = new Map<number, Array<Record<string, unknown>>>();
    for (const row of rows) out.set(Number(row.order_id), [...(out.get(Number(row.order_id)) ?? []), row]);
    return out;
  }
}

function toDocument(kind: DocumentKind, row: Record<string, unknown>): SalesDocument {
  const text = typeof row.comment === 'string' && row.comment ? row.comment : null;
  return {
    kind,
    id: Number(row.entity_id),
    orderId: Number(row.order_id),
    number: String(row.increment_id),
    row,
    items: JSON.parse(String(row.items)),
    tracks: typeof row.tracks === 'string' && row.tracks ? JSON.parse(row.tracks) : [],
    comment: text ? { text, visible: Boolean(Number(row.comment_visible)), createdAt: Number(row.created_at) } : null,
  };
}
