/** Config paths this module declares, under Magento's names where Magento has one. */
export const SalesConfigPath = {
  /** Days an inactive cart lives (storeConfig.cart_expires_in_days). */
  CartLifetimeDays: 'checkout/cart/delete_quote_after',
  GuestCheckout: 'checkout/options/guest_checkout',
  /** Storefront display settings of the checkout (Magento_Checkout), answered in storeConfig for the storefront to follow. */
  OnepageCheckoutEnabled: 'checkout/options/onepage_checkout_enabled',
  OrderSummaryMaxItems: 'checkout/options/max_items_display_count',
  MinicartDisplay: 'checkout/sidebar/display',
  MinicartMaxItems: 'checkout/sidebar/max_items_display_count',
  CartLinkUseQty: 'checkout/cart_link/use_qty',
  FlatrateActive: 'carriers/flatrate/active',
  FlatrateTitle: 'carriers/flatrate/title',
  FlatrateName: 'carriers/flatrate/name',
  /** Major units, as Magento stores it ("5.00"). */
  FlatratePrice: 'carriers/flatrate/price',
  /** I: per item, O: per order. */
  FlatrateType: 'carriers/flatrate/type',
  FreeShippingActive: 'carriers/freeshipping/active',
  FreeShippingTitle: 'carriers/freeshipping/title',
  FreeShippingName: 'carriers/freeshipping/name',
  /** Major units: the subtotal (after discount) from which the method is offered. */
  FreeShippingSubtotal: 'carriers/freeshipping/free_shipping_subtotal',
  /** JSON: [{country, region?, product_tax_class?, rate}] (rate in percent; '*' or missing matches anything). */
  TaxRates: 'tax/comptoir/rates',
  /** Whether shipping is taxed, and at what product tax class. */
  ShippingTaxClass: 'tax/classes/shipping_tax_class',
  OrderEmailEnabled: 'sales_email/order/enabled',
  /** Comma-separated addresses that get a blind copy (Bcc) of every order confirmation. */
  OrderEmailCopyTo: 'sales_email/order/copy_to',
  /** The invoice, shipment and credit memo emails sent when an admin action asks for them (`notify`), and their blind copies. */
  InvoiceEmailEnabled: 'sales_email/invoice/enabled',
  InvoiceEmailCopyTo: 'sales_email/invoice/copy_to',
  ShipmentEmailEnabled: 'sales_email/shipment/enabled',
  ShipmentEmailCopyTo: 'sales_email/shipment/copy_to',
  CreditmemoEmailEnabled: 'sales_email/creditmemo/enabled',
  CreditmemoEmailCopyTo: 'sales_email/creditmemo/copy_to',
  OrderCommentEmailEnabled: 'sales_email/order_comment/enabled',
  OrderCommentEmailCopyTo: 'sales_email/order_comment/copy_to',
  CheckmoActive: 'payment/checkmo/active',
  CheckmoTitle: 'payment/checkmo/title',
  CheckmoPayableTo: 'payment/checkmo/payable_to',
  CheckmoMailingAddress: 'payment/checkmo/mailing_address',
  FreeActive: 'payment/free/active',
  FreeTitle: 'payment/free/title',
  PurchaseOrderActive: 'payment/purchaseorder/active',
  PurchaseOrderTitle: 'payment/purchaseorder/title',
  CardActive: 'payment/comptoir_card/active',
  CardTitle: 'payment/comptoir_card/title',
  /** The gateway adapter the card method talks to (`sandbox` built in; integrators add theirs through DI). */
  CardGateway: 'payment/comptoir_card/gateway',
  /** The configured gateway's hosted-fields origin (the sandbox tokenizer's in development): the only one the storefront CSP allows (PAY-04). */
  CardHostedFieldsOrigin: 'payment/comptoir_card/hosted_fields_origin',
  CardVaultActive: 'payment/comptoir_card_vault/active',
  CardVaultTitle: 'payment/comptoir_card_vault/title',
  /** Magento_OrderCancellation: whether signed-in customers may cancel their own orders (storeConfig.order_cancellation_enabled). */
  OrderCancellationEnabled: 'sales/cancellation/enabled',
  /** The reasons a customer picks from when canceling: a JSON list of texts (storeConfig.order_cancellation_reasons). */
  OrderCancellationReasons: 'sales/cancellation/reasons',
  /** Magento's "Allow Reorder" (reorderItems answers REORDER_NOT_AVAILABLE when off). */
  ReorderAllow: 'sales/reorder/allow',
} as const;
