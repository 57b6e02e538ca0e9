import type { Knex } from 'knex';
import { z } from 'zod';
import { InputError } from '../../../app';
import { toMinor } from '../shipping/money-config';
import { COUPON_TYPES, SIMPLE_ACTIONS, type Coupon, type CouponFormat, type SalesRule, type SalesRuleData } from '../totals/sales-rule-store';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const date = z.string().regex(DATE, 'a date as YYYY-MM-DD').nullable();
const count = z.number().int().min(0).max(1_000_000);

/** Magento's SalesRuleInterface fields that the totals engine honours; anything else (conditions, labels…) is refused. */
const ruleFields = {
  name: z.string().trim().min(1).max(255),
  is_active: z.boolean(),
  website_ids: z.array(z.number().int().nonnegative()).min(1, 'at least one website'),
  customer_group_ids: z.array(z.number().int().nonnegative()).min(1, 'at least one customer group'),
  from_date: date,
  to_date: date,
  uses_per_customer: count,
  coupon_type: z.enum(COUPON_TYPES),
  simple_action: z.enum(SIMPLE_ACTIONS),
  discount_amount: z.number().positive(),
  discount_qty: z.number().int().min(0).nullable(),
  /** Discounting shipping is not supported: false only. */
  apply_to_shipping: z.literal(false, { error: 'discounting shipping is not supported' }),
  stop_rules_processing: z.boolean(),
  sort_order: count,
  uses_per_coupon: count,
};

export const createRuleBody = z.strictObject({
  rule: z.strictObject({
    ...ruleFields,
    is_active: ruleFields.is_active.default(true),
    from_date: ruleFields.from_date.optional(),
    to_date: ruleFields.to_date.optional(),
    uses_per_customer: ruleFields.uses_per_customer.default(0),
    discount_qty: ruleFields.discount_qty.optional(),
    apply_to_shipping: ruleFields.apply_to_shipping.optional(),
    stop_rules_processing: ruleFields.stop_rules_processing.default(false),
    sort_order: ruleFields.sort_order.default(0),
    uses_per_coupon: ruleFields.uses_per_coupon.default(0),
  }),
});

/** PUT sends the fields to change (Magento clients often send the whole rule back, rule_id and times_used included). */
export const updateRuleBody = z.strictObject({
  rule: z.strictObject({
    rule_id: z.number().int().positive().optional(),
    times_used: z.number().int().min(0).optional(),
    ...Object.fromEntries(Object.entries(ruleFields).map(([k, v]) => [k, v.optional()])),
  } as { [K in keyof typeof ruleFields]: z.ZodOptional<(typeof ruleFields)[K]> } & { rule_id: z.ZodOptional<z.ZodNumber>; times_used: z.ZodOptional<z.ZodNumber> }),
});

export type RuleInput = Partial<z.infer<typeof createRuleBody>['rule']>;

export const couponBody = z.strictObject({
  coupon: z.strictObject({
    rule_id: z.number().int().positive(),
    code: z.string().trim().min(1).max(64),
    usage_limit: count.default(0),
    usage_per_customer: count.default(0),
  }),
});

const FORMATS: Record<string, CouponFormat> = { alphanum: 'alphanum', alpha: 'alpha', alphabetical: 'alpha', num: 'num', numeric: 'num' };

/** Magento's CouponGenerationSpecInterface. */
export const couponSpecBody = z.strictObject({
  couponSpec: z.strictObject({
    rule_id: z.number().int().positive(),
    quantity: z.number().int().min(1).max(10_000),
    length: z.number().int().min(4).max(32).default(12),
    format: z.enum(Object.keys(FORMATS) as [string, ...string[]]).default('alphanum').transform((f) => FORMATS[f]),
    prefix: z.string().max(16).default(''),
    suffix: z.string().max(16).default(''),
    delimiter_at_every: z.number().int().min(0).max(32).default(0),
    delimiter: z.string().max(1).default('-'),
  }),
});

/** REST amounts are decimals (Magento); fixed amounts are stored in minor units, percents as they are. */
export function ruleData(input: RuleInput, digits: number, base?: SalesRuleData): SalesRuleData {
  const pick = <K extends keyof RuleInput>(key: K, fallback: NonNullable<RuleInput[K]> | null | undefined) => (input[key] !== undefined ? input[key] : fallback);
  const action = (pick('simple_action', base?.simpleAction) ?? 'by_percent') as SalesRule['simpleAction'];
  const decimal = input.discount_amount;
  let amount = base?.discountAmount ?? 0;
  if (decimal !== undefined) {
    if (action !== 'by_percent' && !/^\d+(\.\d+)?$/.test(String(decimal))) throw new InputError('"discount_amount" must be a plain decimal amount.');
    amount = action === 'by_percent' ? decimal : toMinor(String(decimal), digits);
  } else if (input.simple_action && base && (input.simple_action === 'by_percent') !== (base.simpleAction === 'by_percent')) {
    throw new InputError('"discount_amount" is required when "simple_action" changes between a percent and an amount.');
  }
  const data: SalesRuleData = {
    name: pick('name', base?.name) ?? '',
    isActive: pick('is_active', base?.isActive) ?? true,
    websiteIds: pick('website_ids', base?.websiteIds) ?? [],
    customerGroupIds: pick('customer_group_ids', base?.customerGroupIds) ?? [],
    fromDate: pick('from_date', base?.fromDate) ?? null,
    toDate: pick('to_date', base?.toDate) ?? null,
    couponType: (pick('coupon_type', base?.couponType) ?? 'SPECIFIC_COUPON') as SalesRule['couponType'],
    simpleAction: action,
    discountAmount: amount,
    discountQty: pick('discount_qty', base?.discountQty) || null,
    stopRulesProcessing: pick('stop_rules_processing', base?.stopRulesProcessing) ?? false,
    sortOrder: pick('sort_order', base?.sortOrder) ?? 0,
    usesPerCustomer: pick('uses_per_customer', base?.usesPerCustomer) ?? 0,
    usesPerCoupon: pick('uses_per_coupon', base?.usesPerCoupon) ?? 0,
  };
  if (!data.websiteIds.length) throw new InputError('"website_ids" must name at least one website.');
  if (!data.customerGroupIds.length) throw new InputError('"customer_group_ids" must name at least one customer group.');
  return data;
}

export function ruleDto(rule: SalesRule, digits: number) {
  return {
    rule_id: rule.id,
    name: rule.name,
    is_active: rule.isActive,
    website_ids: rule.websiteIds,
    customer_group_ids: rule.customerGroupIds,
    from_date: rule.fromDate,
    to_date: rule.toDate,
    uses_per_customer: rule.usesPerCustomer,
    coupon_type: rule.couponType,
    simple_action: rule.simpleAction,
    discount_amount: rule.simpleAction === 'by_percent' ? rule.discountAmount : rule.discountAmount / 10 ** digits,
    discount_qty: rule.discountQty ?? 0,
    apply_to_shipping: false,
    stop_rules_processing: rule.stopRulesProcessing,
    sort_order: rule.sortOrder,
    uses_per_coupon: rule.usesPerCoupon,
    times_used: rule.timesUsed,
  };
}

export function couponDto(coupon: Coupon) {
  return {
    coupon_id: coupon.id,
    rule_id: coupon.ruleId,
    code: coupon.code,
    usage_limit: coupon.usageLimit,
    usage_per_customer: coupon.usagePerCustomer,
    times_used: coupon.timesUsed,
    type: coupon.type,
    created_at: new Date(coupon.createdAt).toISOString().replace('T', ' ').slice(0, 19),
  };
}

/** Columns searchCriteria may filter and sort on, and how a query-string value becomes a column value. */
const FIELDS: Record<string, (raw: string) => string | number> = {
  rule_id: (raw) => integer(raw),
  name: (raw) => raw,
  is_active: (raw) => (raw === 'true' ? 1 : raw === 'false' ? 0 : integer(raw)),
  coupon_type: (raw) => raw,
  simple_action: (raw) => raw,
  sort_order: (raw) => integer(raw),
};

function integer(raw: string): number {
  if (!/^\d{1,10}$/.test(raw)) throw new InputError(`"${raw}" is not a valid number.`);
  return Number(raw);
}

/** Express may hand the query over nested or with brackets kept in the keys: both become flat keys. */
function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (value !== null && typeof value === 'object') for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}[${key}]` : key, out);
  else if (value !== undefined) out.set(prefix, String(value));
}

/**
 * Magento's searchCriteria for rules: filter_groups (ANDed) of filters (ORed) with condition_type eq, neq, like, in, gt, lt,
 * gteq, lteq on known columns; sort_orders; pageSize (1-300, 20 by default); currentPage.
 */
export function ruleSearchCriteria(query: Record<string, unknown>) {
  const flat = new Map<string, string>();
  flatten(query, '', flat);
  const value = (key: string) => flat.get(`searchCriteria[${key}]`);
  const groups = new Map<string, Map<string, Record<string, string>>>();
  const sorts = new Map<string, Record<string, string>>();
  for (const [key, raw] of flat) {
    const filter = /^searchCriteria\[filter_?[gG]roups\]\[(\d+)\]\[filters\]\[(\d+)\]\[(field|value|condition_?[tT]ype)\]$/.exec(key);
    if (filter) {
      const group = groups.get(filter[1]) ?? new Map<string, Record<string, string>>();
      groups.set(filter[1], group);
      const entry = group.get(filter[2]) ?? {};
      group.set(filter[2], entry);
      entry[filter[3].replace(/_?[tT]ype$/, '_type')] = raw;
      continue;
    }
    const sort = /^searchCriteria\[sort_?[oO]rders\]\[(\d+)\]\[(field|direction)\]$/.exec(key);
    if (sort) {
      const entry = sorts.get(sort[1]) ?? {};
      sorts.set(sort[1], entry);
      entry[sort[2]] = raw;
      continue;
    }
    if (key.startsWith('searchCriteria') && !/^searchCriteria\[(page_?[sS]ize|current_?[pP]age)\]$/.test(key)) throw new InputError(`"${key}" is not a supported search criterion.`);
  }
  const pageSize = integer(value('pageSize') ?? value('page_size') ?? '20');
  const currentPage = integer(value('currentPage') ?? value('current_page') ?? '1');
  if (pageSize < 1 || pageSize > 300) throw new InputError('"pageSize" must be from 1 to 300.');
  if (currentPage < 1) throw new InputError('"currentPage" must be 1 or more.');
  const filterGroups = [...groups.values()].map((g) =>
    [...g.values()].map((f) => {
      const convert = Object.hasOwn(FIELDS, f.field ?? '') ? FIELDS[f.field!] : undefined;
      if (!convert) throw new InputError(`"${f.field}" cannot be filtered on (use ${Object.keys(FIELDS).join(', ')}).`);
      const condition = f.condition_type ?? 'eq';
      if (!['eq', 'neq', 'like', 'in', 'gt', 'lt', 'gteq', 'lteq'].includes(condition)) throw new InputError(`"${condition}" is not a supported condition_type.`);
      const raw = f.value ?? '';
      return { field: f.field!, condition, value: condition === 'in' ? raw.split(',').map((v) => convert(v.trim())) : convert(raw) };
    }),
  );
  const sortOrders = [...sorts.values()].map((s) => {
    if (!Object.hasOwn(FIELDS, s.field ?? '')) throw new InputError(`"${s.field}" cannot be sorted on.`);
    return { field: s.field!, direction: (String(s.direction ?? 'ASC').toUpperCase() === 'DESC' ? 'desc' : 'asc') as 'asc' | 'desc' };
  });
  const OPS: Record<string, string> = { eq: '=', neq: '<>', like: 'like', gt: '>', lt: '<', gteq: '>=', lteq: '<=' };
  const apply = (q: Knex.QueryBuilder) => {
    for (const group of filterGroups) {
      q.andWhere((inner) => {
        for (const f of group) {
          if (f.condition === 'in') inner.orWhereIn(f.field, f.value as Array<string | number>);
          else inner.orWhere(f.field, OPS[f.condition], f.value as string | number);
        }
      });
    }
  };
  const echo = {
    filter_groups: filterGroups.map((g) => ({ filters: g.map((f) => ({ field: f.field, value: Array.isArray(f.value) ? f.value.join(',') : String(f.value), condition_type: f.condition })) })),
    sort_orders: sortOrders.map((s) => ({ field: s.field, direction: s.direction.toUpperCase() })),
    page_size: pageSize,
    current_page: currentPage,
  };
  return { apply, page: { size: pageSize, current: currentPage }, sort: sortOrders, echo };
}
