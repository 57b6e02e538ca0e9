import type { Migration } from '../../../app';
import { CustomerTable } from '../api/customer-entities';

/** Magento's groups: 0 NOT LOGGED IN, 1 General, 2 Wholesale, 3 Retailer, all in the "Retail Customer" tax class (3). */
export const seedCustomerGroups: Migration = {
  name: '0002_seed_customer_groups',
  up: async (knex) => {
    // An explicit 0 in an auto-increment column means "next id" on MariaDB: insert, then renumber (as the store module does).
    const [generated] = await knex(CustomerTable.group).insert({ customer_group_code: 'NOT LOGGED IN', tax_class_id: 3 });
    await knex(CustomerTable.group).where('customer_group_id', Number(generated)).update({ customer_group_id: 0 });
    await knex(CustomerTable.group).insert([
      { customer_group_id: 1, customer_group_code: 'General', tax_class_id: 3 },
      { customer_group_id: 2, customer_group_code: 'Wholesale', tax_class_id: 3 },
      { customer_group_id: 3, customer_group_code: 'Retailer', tax_class_id: 3 },
    ]);
  },
  down: async (knex) => {
    await knex(CustomerTable.group).delete();
  },
};
