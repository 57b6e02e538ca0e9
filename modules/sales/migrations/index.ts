import type { Migration } from '../../../app';
import { createQuoteTables } from './0001-create-quote-tables';
import { createOrderTables } from './0002-create-order-tables';
import { createPaymentTables } from './0003-create-payment-tables';

export const salesMigrations: Migration[] = [createQuoteTables, createOrderTables, createPaymentTables];
