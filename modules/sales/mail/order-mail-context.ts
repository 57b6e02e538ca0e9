import { inject, injectable } from 'inversify';
import { Kernel, type ConfigService, type Database, type ScopeResolver } from '../../../app';
import type { MailMessage } from '../../../app/mail/mail-transport';
import { StoreApi, type StoreRepository, type StoreSettingsReader } from '../../store/api';
import type { PaymentMethodPool } from '../api/payment';
import { SalesTable as T } from '../api/sales-tables';
import { SalesApi } from '../api/tokens';
import type { AddressCodec } from '../model/address-codec';
import { SalesInternal } from '../model/sales-internal-tokens';
import { addressLines, copyToList, moneyFormatter, secureOrderLink } from './mail-layout';

/** Magento's `sales_email/<type>/enabled` and `sales_email/<type>/copy_to` of one kind of sales email. */
export interface SalesEmailPaths {
  enabled: string;
  copyTo: string;
}

/** What every sales email about an order needs, read for the order's store view and formatted in its locale. */
export interface OrderMailContext {
  order: Record<string, unknown>;
  /** The order's lines as stored (name, sku, price, row_total…), by item_id. */
  items: Map<number, Record<string, unknown>>;
  storeCode: string;
  locale: string;
  storeName: string;
  money: (minor: number) => string;
  /** The order's email, decrypted just long enough to seal it into the mail. */
  to: string;
  bcc: string[];
  customerName: string;
  shippingAddress: string[] | null;
  billingAddress: string[] | null;
  shippingMethod: string | null;
  /** The payment method's title only: a sales email never shows card data. */
  paymentMethod: string | null;
  orderLink: string | null;
}

/** A sales email about the order of `ctx`: to the order's email, blind copies to `copy_to`, written for its store view. */
export function salesMessage(ctx: OrderMailContext, parts: { subject: string; text: string; html: string }): MailMessage {
  return { to: ctx.to, ...(ctx.bcc.length ? { bcc: ctx.bcc } : {}), ...parts, storeCode: ctx.storeCode };
}

/**
 * Reads an order for a sales email (Magento's Sender classes share this through their Identity/Template containers). The
 * order is read here, not carried by the event: event payloads hold ids only.
 */
@injectable()
export class OrderMailContextLoader {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.ScopeResolver) private readonly scopes: ScopeResolver,
    @inject(StoreApi.StoreSettingsReader) private readonly storeSettings: StoreSettingsReader,
    @inject(StoreApi.StoreRepository) private readonly stores: StoreRepository,
    @inject(SalesInternal.AddressCodec) private readonly codec: AddressCodec,
    @inject(Kernel.Config) private readonly config: ConfigService,
    @inject(SalesApi.PaymentMethodPool) private readonly payments: PaymentMethodPool,
  ) {}

  /** Null when nothing is to be sent: the order no longer exists, or its store view has this kind of email off. */
  async load(orderId: number, paths: SalesEmailPaths): Promise<OrderMailContext | null> {
    // Written out (Database.select): every order's confirmation reads these four.
    const [order] = await this.db.select<Record<string, unknown>>(`SELECT * FROM ${T.order} WHERE entity_id = ?`, [orderId]);
    if (!order) return null;
    const store = await this.scopes.getStoreById(Number(order.store_id));
    const storeCode = store?.storeCode ?? (await this.stores.getDefaultStoreView())?.code ?? 'default';
    if (!(await this.config.getForStore<boolean>(paths.enabled, storeCode))) return null;
    const [items, addressRows, payment] = await Promise.all([
      this.db.select<Record<string, any>>(`SELECT * FROM ${T.orderItem} WHERE order_id = ? ORDER BY item_id`, [orderId]), // eslint-disable-line @typescript-eslint/no-explicit-any
      this.db.select<Parameters<AddressCodec['fromRow']>[0]>(`SELECT * FROM ${T.orderAddress} WHERE order_id = ? ORDER BY entity_id`, [orderId]),
      this.db.select<{ method: string }>(`SELECT method FROM ${T.orderPayment} WHERE order_id = ?`, [orderId]).then((rows) => rows[0]),
    ]);
    const addresses = addressRows.map((row) => this.codec.fromRow(row, T.orderAddress));
    const shipping = addresses.find((a) => a.type === 'shipping');
    const billing = addresses.find((a) => a.type === 'billing');
    const settings = await this.storeSettings.forStoreView(storeCode);
    const view = await this.stores.getStoreView(storeCode);
    return {
      order,
      items: new Map(items.map((item) => [Number(item.item_id), item])),
      storeCode,
      locale: settings.locale,
      storeName: settings.storeInformationName ?? view?.name ?? storeCode,
      money: moneyFormatter(settings.locale, String(order.currency)),
      to: this.codec.decryptEmail(String(order.customer_email), 'sales_order.customer_email')!,
      bcc: copyToList(await this.config.getForStore<string>(paths.copyTo, storeCode)),
      customerName: [billing?.firstname, billing?.lastname].filter(Boolean).join(' '),
      shippingAddress: shipping ? addressLines(shipping) : null,
      billingAddress: billing ? addressLines(billing) : null,
      shippingMethod: order.shipping_description ? String(order.shipping_description) : null,
      paymentMethod: payment ? await this.paymentTitle(String(payment.method), storeCode) : null,
      orderLink: secureOrderLink(settings.urls.secureBaseLinkUrl, order.customer_id === null ? null : Number(order.entity_id)),
    };
  }

  /** The method's title in the store view (a method removed since the order shows its code). */
  private async paymentTitle(code: string, storeCode: string): Promise<string> {
    const method = this.payments.list().find((m) => m.code === code);
    return method ? method.title(storeCode) : code;
  }
}
