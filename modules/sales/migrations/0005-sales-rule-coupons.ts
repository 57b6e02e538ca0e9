import type { Migration } from '../../../app';
import { SalesTable as T } from '../api/sales-tables';

export const SalesRuleTable = {
  coupon: 'salesrule_coupon',
  /** Times each customer used a rule (uses_per_customer). */
  customer: 'salesrule_customer',
  /** Times each customer used a coupon (usage_per_customer). */
  couponUsage: 'salesrule_coupon_usage',
} as const;

/**
 * Magento's cart price rule columns (coupon type, websites and customer groups, usage limits, priority and stop flag, discount
 * qty) and its coupon tables: a rule now has any number of coupons (generated ones for AUTO rules), each with its own usage
 * counters. The single coupon_code of 0001 moves to salesrule_coupon.
 */
export const salesRuleCoupons: Migration = {
  name: '0005_sales_rule_coupons',
  up: async (knex) => {
    await knex.schema.alterTable(T.salesRule, (t) => {
      t.string('coupon_type', 16).notNullable().defaultTo('SPECIFIC_COUPON');
      t.text('website_ids').nullable();
      t.text('customer_group_ids').nullable();
      t.integer('uses_per_customer').unsigned().notNullable().defaultTo(0);
      t.integer('uses_per_coupon').unsigned().notNullable().defaultTo(0);
      t.integer('discount_qty').unsigned().nullable();
      t.boolean('stop_rules_processing').notNullable().defaultTo(false);
      t.integer('sort_order').unsigned().notNullable().defaultTo(0);
      t.integer('times_used').unsigned().notNullable().defaultTo(0);
    });
    await knex.schema.createTable(SalesRuleTable.coupon, (t) => {
      t.increments('coupon_id');
      t.integer('rule_id').unsigned().notNullable().references('rule_id').inTable(T.salesRule).onDelete('CASCADE');
      t.string('code', 64).notNullable().unique({ indexName: 'salesrule_coupon_code_unique' });
      t.integer('usage_limit').unsigned().notNullable().defaultTo(0);
      t.integer('usage_per_customer').unsigned().notNullable().defaultTo(0);
      t.integer('times_used').unsigned().notNullable().defaultTo(0);
      /** 0: entered by hand, 1: generated. */
      t.smallint('type').unsigned().notNullable().defaultTo(0);
      t.bigInteger('created_at').notNullable();
      t.index(['rule_id'], 'salesrule_coupon_rule_id');
    });
    await knex.schema.createTable(SalesRuleTable.customer, (t) => {
      t.integer('rule_id').unsigned().notNullable().references('rule_id').inTable(T.salesRule).onDelete('CASCADE');
      t.integer('customer_id').unsigned().notNullable();
      t.integer('times_used').unsigned().notNullable().defaultTo(0);
      t.primary(['rule_id', 'customer_id']);
    });
    await knex.schema.createTable(SalesRuleTable.couponUsage, (t) => {
      t.integer('coupon_id').unsigned().notNullable().references('coupon_id').inTable(SalesRuleTable.coupon).onDelete('CASCADE');
      t.integer('customer_id').unsigned().notNullable();
      t.integer('times_used').unsigned().notNullable().defaultTo(0);
      t.primary(['coupon_id', 'customer_id']);
    });
    const rules = (await knex(T.salesRule).select('rule_id', 'coupon_code')) as Array<{ rule_id: number; coupon_code: string }>;
    const now = Date.now();
    for (const rule of rules) await knex(SalesRuleTable.coupon).insert({ rule_id: rule.rule_id, code: rule.coupon_code, created_at: now });
    await knex.schema.alterTable(T.salesRule, (t) => t.dropUnique(['coupon_code'], 'salesrule_coupon_code'));
    await knex.schema.alterTable(T.salesRule, (t) => t.dropColumn('coupon_code'));
  },
  down: async (knex) => {
    // Back to one code per rule: each rule keeps its first coupon; rules without one get a code naming the rule.
    await knex.schema.alterTable(T.salesRule, (t) => t.string('coupon_code', 64).nullable());
    const rules = (await knex(T.salesRule).select('rule_id')) as Array<{ rule_id: number }>;
    for (const rule of rules) {
      const coupon = await knex(SalesRuleTable.coupon).where('rule_id', rule.rule_id).orderBy('coupon_id').first('code');
      await knex(T.salesRule).where('rule_id', rule.rule_id).update({ coupon_code: coupon?.code ?? `RULE-${rule.rule_id}` });
    }
    for (const table of [SalesRuleTable.couponUsage, SalesRuleTable.customer, SalesRuleTable.coupon]) await knex.schema.dropTableIfExists(table);
    await knex.schema.alterTable(T.salesRule, (t) => {
      for (const c of ['coupon_type', 'website_ids', 'customer_group_ids', 'uses_per_customer', 'uses_per_coupon', 'discount_qty', 'stop_rules_processing', 'sort_order', 'times_used']) t.dropColumn(c);
    });
    await knex.schema.alterTable(T.salesRule, (t) => t.unique(['coupon_code'], { indexName: 'salesrule_coupon_code' }));
  },
};
