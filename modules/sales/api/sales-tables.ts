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
  salesRule: 'salesrule',
  vaultToken: 'vault_payment_token',
  sandboxTransaction: 'payment_sandbox_transaction',
} as const;
