import type { Migration } from '../../../app';
import { createCustomerTables } from './0001-create-customer-tables';
import { seedCustomerGroups } from './0002-seed-customer-groups';

export const customerMigrations: Migration[] = [createCustomerTables, seedCustomerGroups];
