import type { Migration } from '../../../app';
import { createQuoteTables } from './0001-create-quote-tables';
import { createOrderTables } from './0002-create-order-tables';
import { createPaymentTables } from './0003-create-payment-tables';
import { createDocumentTables } from './0004-create-document-tables';
import { salesRuleCoupons } from './0005-sales-rule-coupons';
import { createOrderStatusHistory } from './0006-create-order-status-history';
import { openInvoicesCanceledTotals } from './0007-open-invoices-canceled-totals';
import { orderItemCanceledAmounts } from './0008-order-item-canceled-amounts';
import { orderHold } from './0009-order-hold';

export const salesMigrations: Migration[] = [createQuoteTables, createOrderTables, createPaymentTables, createDocumentTables, salesRuleCoupons, createOrderStatusHistory, openInvoicesCanceledTotals, orderItemCanceledAmounts, orderHold];
