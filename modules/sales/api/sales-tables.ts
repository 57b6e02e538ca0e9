/** Table names under Magento's (quote, sales_order…). Ids are `int unsigned` (knex `increments`). */
export const SalesTable = {
  quote: 'quote',
  quoteItem: 'quote_item',
  quoteAddress: 'quote_address',
  order: 'sales_order',
  orderItem: 'sales_order_item',
  orderAddress: 'sales_order_address',
  orderPayment: 'sales_order_payment',
  orderSequence: 'sales_sequence_order',
  invoice: 'sales_invoice',
  shipment: 'sales_shipment',
  creditmemo: 'sales_creditmemo',
  /** Invoice, shipment and credit memo numbers per (entity_type, store_id), as Magento's sequence_invoice_1 etc. */
  documentSequence: 'sales_sequence_document',
  salesRule: 'salesrule',
  vaultToken: 'vault_payment_token',
  sandboxTransaction: 'payment_sandbox_transaction',
} as const;
