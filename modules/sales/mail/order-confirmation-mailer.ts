import { inject, injectable } from 'inversify';
import { Kernel, type ConfigService, type Database, type ScopeResolver } from '../../../app';
import type { MailService } from '../../../app/mail/mail-service';
import { StoreApi, type StoreRepository, type StoreSettingsReader } from '../../store/api';
import type { PaymentMethodPool } from '../api/payment';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import type { CartAddress } from '../api/sales-entities';
import { SalesApi } from '../api/tokens';
import { SalesTable as T } from '../api/sales-tables';
import type { AddressCodec } from '../model/address-codec';
import { SalesInternal } from '../model/sales-internal-tokens';
import { confirmationTemplateFor, type ConfirmationView } from './order-confirmation-templates';

/** Amounts are stored in minor units; Intl knows how many fraction digits each currency has (JPY none, USD two). */
function moneyFormatter(locale: string, currency: string): (minor: number) => string {
  const format = new Intl.NumberFormat(locale.replace('_', '-'), { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return (minor) => format.format(Number(minor) / 10 ** digits);
}

function addressLines(address: CartAddress): string[] {
  return [
    [address.firstname, address.lastname].filter(Boolean).join(' '),
    ...(address.company ? [address.company] : []),
    ...address.street,
    [address.postcode, address.city].filter(Boolean).join(' '),
    [address.region, address.countryId].filter(Boolean).join(', '),
    ...(address.telephone ? [`T: ${address.telephone}`] : []),
  ];
}

/** `sales_email/order/copy_to`: a comma-separated list of addresses (validated when saved). */
export function copyToList(value: string | null | undefined): string[] {
  return String(value ?? '').split(',').map((a) => a.trim()).filter(Boolean);
}

/**
 * Magento's OrderSender: renders the order confirmation in its store view's locale and queues it through the kernel's
 * MailService (sealed in the outbox, sent by the mail consumer). The order is read here, not carried by the event: event
 * payloads hold ids only, and the email and address are decrypted just long enough to seal them into the mail.
 */
@injectable()
export class OrderConfirmationMailer {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.Mail) private readonly mail: MailService,
    @inject(Kernel.ScopeResolver) private readonly scopes: ScopeResolver,
    @inject(StoreApi.StoreSettingsReader) private readonly storeSettings: StoreSettingsReader,
    @inject(StoreApi.StoreRepository) private readonly stores: StoreRepository,
    @inject(SalesInternal.AddressCodec) private readonly codec: AddressCodec,
    @inject(Kernel.Config) private readonly config: ConfigService,
    @inject(SalesApi.PaymentMethodPool) private readonly payments: PaymentMethodPool,
  ) {}

  /**
   * Answers false when nothing is queued: the order no longer exists, or its store view has order emails off
   * (`sales_email/order/enabled` = 0). `sales_email/order/copy_to` addresses get a blind copy.
   */
  async queue(orderId: number): Promise<boolean> {
    const conn = this.db.conn();
    const order = await conn(T.order).where('entity_id', orderId).first();
    if (!order) return false;
    const store = await this.scopes.getStoreById(Number(order.store_id));
    const storeCode = store?.storeCode ?? (await this.stores.getDefaultStoreView())?.code ?? 'default';
    if (!(await this.config.getForStore<boolean>(P.OrderEmailEnabled, storeCode))) return false;
    const [items, addressRows, payment] = await Promise.all([
      conn(T.orderItem).where('order_id', orderId).orderBy('item_id'),
      conn(T.orderAddress).where('order_id', orderId).orderBy('entity_id'),
      conn(T.orderPayment).where('order_id', orderId).first('method'),
    ]);
    const addresses = addressRows.map((row) => this.codec.fromRow(row, T.orderAddress));
    const shipping = addresses.find((a) => a.type === 'shipping');
    const billing = addresses.find((a) => a.type === 'billing');

    const settings = await this.storeSettings.forStoreView(storeCode);
    const view = await this.stores.getStoreView(storeCode);
    const money = moneyFormatter(settings.locale, String(order.currency));
    const template = confirmationTemplateFor(settings.locale);

    const content: ConfirmationView = {
      storeName: settings.storeInformationName ?? view?.name ?? storeCode,
      number: String(order.increment_id),
      customerName: [billing?.firstname, billing?.lastname].filter(Boolean).join(' '),
      items: items.map((item) => ({
        name: String(item.name),
        sku: String(item.sku),
        qty: Number(item.qty_ordered),
        price: money(Number(item.price)),
        rowTotal: money(Number(item.row_total)),
      })),
      subtotal: money(Number(order.subtotal)),
      shipping: money(Number(order.shipping_amount)),
      discount: Number(order.discount_amount) ? money(-Math.abs(Number(order.discount_amount))) : null,
      tax: money(Number(order.tax_amount)),
      grandTotal: money(Number(order.grand_total)),
      shippingAddress: shipping ? addressLines(shipping) : null,
      billingAddress: billing ? addressLines(billing) : null,
      shippingMethod: order.shipping_description ? String(order.shipping_description) : null,
      paymentMethod: payment ? await this.paymentTitle(String(payment.method), storeCode) : null,
      orderLink: this.orderLink(settings.urls.secureBaseLinkUrl, order.customer_id === null ? null : Number(order.entity_id)),
    };
    const bcc = copyToList(await this.config.getForStore<string>(P.OrderEmailCopyTo, storeCode));
    await this.mail.queue({
      to: this.codec.decryptEmail(String(order.customer_email), 'sales_order.customer_email')!,
      ...(bcc.length ? { bcc } : {}),
      subject: template.subject(content),
      text: template.text(content),
      html: template.html(content),
      storeCode,
    });
    return true;
  }

  /** The method's title in the store view (a method removed since the order shows its code). */
  private async paymentTitle(code: string, storeCode: string): Promise<string> {
    const method = this.payments.list().find((m) => m.code === code);
    return method ? method.title(storeCode) : code;
  }

  /**
   * A customer's order page, or the guest order lookup form for a guest (a guest has no account page). Only ever https (TLS-05):
   * a store view whose secure URL is not https gets no link rather than a plain-http one.
   */
  private orderLink(secureLinkBase: string, customerOrderId: number | null): string | null {
    if (!/^https:\/\//i.test(secureLinkBase)) return null;
    const base = secureLinkBase.endsWith('/') ? secureLinkBase : `${secureLinkBase}/`;
    return customerOrderId === null ? `${base}sales/guest/form/` : `${base}sales/order/view/order_id/${customerOrderId}/`;
  }
}
