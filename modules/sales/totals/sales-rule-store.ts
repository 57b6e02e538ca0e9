import crypto from 'node:crypto';
import { inject, injectable } from 'inversify';
import type { Knex } from 'knex';
import { InputError, Kernel, NoSuchEntityError, type Database } from '../../../app';
import { SharedSnapshot } from '../../../app/db/shared-snapshot';
import { SalesTable as T } from '../api/sales-tables';
import { SalesRuleTable as R } from '../migrations/0005-sales-rule-coupons';

export const SIMPLE_ACTIONS = ['by_percent', 'by_fixed', 'cart_fixed'] as const;
export const COUPON_TYPES = ['NO_COUPON', 'SPECIFIC_COUPON', 'AUTO'] as const;
export type SimpleAction = (typeof SIMPLE_ACTIONS)[number];
export type CouponType = (typeof COUPON_TYPES)[number];

/**
 * Magento's cart price rule (salesrule). by_percent: a percent of each line; by_fixed: an amount off each unit; cart_fixed: an
 * amount off the cart, spread over its lines. Amounts are minor units, percents whole numbers (1-100). Empty website or group
 * lists (rules made before 0005) mean every website and every group.
 */
export interface SalesRule {
  id: number;
  name: string;
  isActive: boolean;
  websiteIds: number[];
  customerGroupIds: number[];
  fromDate: string | null;
  toDate: string | null;
  couponType: CouponType;
  simpleAction: SimpleAction;
  discountAmount: number;
  /** The most units of a line discounted (by_percent, by_fixed); null: all. */
  discountQty: number | null;
  stopRulesProcessing: boolean;
  sortOrder: number;
  /** Times a customer may use the rule (0: no limit). */
  usesPerCustomer: number;
  /** Default usage limit of the rule's coupons (0: no limit). */
  usesPerCoupon: number;
  timesUsed: number;
}

export interface Coupon {
  id: number;
  ruleId: number;
  code: string;
  usageLimit: number;
  usagePerCustomer: number;
  timesUsed: number;
  /** 0: entered by hand, 1: generated. */
  type: 0 | 1;
  createdAt: number;
}

export type SalesRuleData = Omit<SalesRule, 'id' | 'timesUsed'>;

/** The short form older callers (and tests) use: one rule with its one coupon code. */
export interface SalesRuleInput {
  name: string;
  couponCode: string;
  simpleAction: SimpleAction;
  discountAmount: number;
  isActive: boolean;
  fromDate: string | null;
  toDate: string | null;
}

/** Who and where a cart is: what decides which rules apply to it. */
export interface RuleContext {
  websiteId: number;
  customerGroupId: number;
  customerId: number | null;
  couponCode: string | null;
  today: string;
}

export interface RuleCandidate {
  rule: SalesRule;
  /** The cart's coupon when it brought the rule in; null for a NO_COUPON rule. */
  coupon: Coupon | null;
}

export const COUPON_CODE = /^[A-Za-z0-9_-]{1,64}$/;
const COUPON_CODE_MESSAGE = 'The coupon code may use letters, digits, "-" and "_" only (64 at most).';
const ALPHABETS = { alphanum: 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789', alpha: 'ABCDEFGHJKLMNPQRSTUVWXYZ', num: '0123456789' } as const;
export type CouponFormat = keyof typeof ALPHABETS;

export interface CouponSpec {
  ruleId: number;
  quantity: number;
  length: number;
  format: CouponFormat;
  prefix: string;
  suffix: string;
  delimiterAtEvery: number;
  delimiter: string;
}

const list = (raw: unknown): number[] => (raw ? (JSON.parse(String(raw)) as number[]) : []);

function ruleFromRow(row: Record<string, unknown>): SalesRule {
  return {
    id: Number(row.rule_id),
    name: String(row.name),
    isActive: Boolean(Number(row.is_active)),
    websiteIds: list(row.website_ids),
    customerGroupIds: list(row.customer_group_ids),
    fromDate: (row.from_date as string | null) ?? null,
    toDate: (row.to_date as string | null) ?? null,
    couponType: row.coupon_type as CouponType,
    simpleAction: row.simple_action as SimpleAction,
    discountAmount: Number(row.discount_amount),
    discountQty: row.discount_qty === null || row.discount_qty === undefined ? null : Number(row.discount_qty),
    stopRulesProcessing: Boolean(Number(row.stop_rules_processing)),
    sortOrder: Number(row.sort_order),
    usesPerCustomer: Number(row.uses_per_customer),
    usesPerCoupon: Number(row.uses_per_coupon),
    timesUsed: Number(row.times_used),
  };
}

function couponFromRow(row: Record<string, unknown>): Coupon {
  return {
    id: Number(row.coupon_id),
    ruleId: Number(row.rule_id),
    code: String(row.code),
    usageLimit: Number(row.usage_limit),
    usagePerCustomer: Number(row.usage_per_customer),
    timesUsed: Number(row.times_used),
    type: Number(row.type) === 1 ? 1 : 0,
    createdAt: Number(row.created_at),
  };
}

function ruleRow(data: SalesRuleData): Record<string, unknown> {
  return {
    name: data.name,
    is_active: data.isActive,
    website_ids: JSON.stringify(data.websiteIds),
    customer_group_ids: JSON.stringify(data.customerGroupIds),
    from_date: data.fromDate,
    to_date: data.toDate,
    coupon_type: data.couponType,
    simple_action: data.simpleAction,
    discount_amount: data.discountAmount,
    discount_qty: data.discountQty,
    stop_rules_processing: data.stopRulesProcessing,
    sort_order: data.sortOrder,
    uses_per_customer: data.usesPerCustomer,
    uses_per_coupon: data.usesPerCoupon,
  };
}

/** A coupon's usage limit: its own, else its rule's uses_per_coupon (0: none). */
const limitOf = (coupon: Coupon, rule: SalesRule) => coupon.usageLimit || rule.usesPerCoupon;

/**
 * Cart price rules and their coupons: storage, the rules that apply to a cart, and usage counting at order placement.
 * Only what the totals engine applies can be stored: validate() refuses the rest.
 *
 * Every cart answer asks which rules apply, so the active rules are a process snapshot (a small table, changed rarely): re-read
 * after 5 s for changes made by another process, dropped at once by this store's own writes (which read afresh meanwhile).
 * Coupons and their usage counters are always read from the database.
 */
@injectable()
export class SalesRuleStore {
  private readonly activeRules: SharedSnapshot<SalesRule[]>;

  constructor(@inject(Kernel.Database) private readonly db: Database) {
    this.activeRules = new SharedSnapshot(db, async () => ((await this.db.conn()(T.salesRule).where('is_active', true)) as Array<Record<string, unknown>>).map(ruleFromRow), 5000);
  }

  /** A write to the rules: in one transaction that reads them afresh, and the snapshot dropped whatever the outcome. */
  private writingRules<R>(work: () => Promise<R>): Promise<R> {
    return this.db
      .transaction(async () => {
        this.activeRules.changing();
        const result = await work();
        this.db.afterCommit(() => this.activeRules.reset());
        return result;
      })
      .finally(() => this.activeRules.reset());
  }

  /** Refuses what the discount collector could not honour, with a message naming the field. */
  validate(data: SalesRuleData): void {
    if (!data.name.trim()) throw new InputError('"name" is required.');
    if (!SIMPLE_ACTIONS.includes(data.simpleAction)) throw new InputError(`"simple_action" must be one of ${SIMPLE_ACTIONS.join(', ')}.`);
    if (!COUPON_TYPES.includes(data.couponType)) throw new InputError(`"coupon_type" must be one of ${COUPON_TYPES.join(', ')}.`);
    if (data.simpleAction === 'by_percent' && (!Number.isInteger(data.discountAmount) || data.discountAmount < 1 || data.discountAmount > 100)) {
      throw new InputError('"discount_amount" of a by_percent rule must be a whole percent from 1 to 100.');
    }
    if (data.simpleAction !== 'by_percent' && (!Number.isInteger(data.discountAmount) || data.discountAmount <= 0)) {
      throw new InputError('"discount_amount" must be a positive amount.');
    }
    if (data.discountQty !== null && data.simpleAction === 'cart_fixed') throw new InputError('"discount_qty" applies to by_percent and by_fixed rules only.');
    if (data.fromDate && data.toDate && data.fromDate > data.toDate) throw new InputError('"to_date" must not be before "from_date".');
  }

  /** The legacy short form: a SPECIFIC_COUPON rule for every website and group, with its coupon. */
  async create(input: SalesRuleInput): Promise<SalesRule & { couponCode: string }> {
    const rule = await this.db.transaction(async () => {
      const created = await this.createRule({
        name: input.name,
        isActive: input.isActive,
        websiteIds: [],
        customerGroupIds: [],
        fromDate: input.fromDate,
        toDate: input.toDate,
        couponType: 'SPECIFIC_COUPON',
        simpleAction: input.simpleAction,
        discountAmount: input.discountAmount,
        discountQty: null,
        stopRulesProcessing: false,
        sortOrder: 0,
        usesPerCustomer: 0,
        usesPerCoupon: 0,
      });
      await this.createCoupon({ ruleId: created.id, code: input.couponCode, usageLimit: 0, usagePerCustomer: 0 });
      return created;
    });
    return { ...rule, couponCode: input.couponCode };
  }

  async createRule(data: SalesRuleData): Promise<SalesRule> {
    this.validate(data);
    return this.writingRules(async () => {
      const [id] = await this.db.conn()(T.salesRule).insert(ruleRow(data));
      return { ...data, id: Number(id), timesUsed: 0 };
    });
  }

  async get(id: number): Promise<SalesRule | undefined> {
    const row = await this.db.conn()(T.salesRule).where('rule_id', id).first();
    return row ? ruleFromRow(row) : undefined;
  }

  async require(id: number): Promise<SalesRule> {
    const rule = await this.get(id);
    if (!rule) throw new NoSuchEntityError(`The rule with the "${id}" ID wasn't found. Verify the ID and try again.`);
    return rule;
  }

  /** Replaces the rule's data; a rule that has coupons cannot become NO_COUPON, nor a SPECIFIC_COUPON one with several. */
  async update(id: number, data: SalesRuleData): Promise<SalesRule> {
    this.validate(data);
    return this.writingRules(async () => {
      const trx = this.db.conn();
      const current = await this.require(id);
      const coupons = Number(((await trx(R.coupon).where('rule_id', id).count({ n: '*' }).first()) as { n: number | string }).n);
      if (data.couponType === 'NO_COUPON' && coupons) throw new InputError('The rule has coupons: delete them before making it a NO_COUPON rule.');
      if (data.couponType === 'SPECIFIC_COUPON' && coupons > 1) throw new InputError('The rule has several coupons: a SPECIFIC_COUPON rule has one.');
      await trx(T.salesRule).where('rule_id', id).update(ruleRow(data));
      return { ...data, id, timesUsed: current.timesUsed };
    });
  }

  async delete(id: number): Promise<void> {
    await this.writingRules(async () => {
      const trx = this.db.conn();
      await this.require(id);
      const coupons = trx(R.coupon).where('rule_id', id).select('coupon_id');
      await trx(R.couponUsage).whereIn('coupon_id', coupons).delete();
      await trx(R.coupon).where('rule_id', id).delete();
      await trx(R.customer).where('rule_id', id).delete();
      await trx(T.salesRule).where('rule_id', id).delete();
    });
  }

  /** One page of rules (filters built by the REST layer on known columns only) and the total count. */
  async search(apply: (query: Knex.QueryBuilder) => void, page: { size: number; current: number }, sort: Array<{ field: string; direction: 'asc' | 'desc' }>): Promise<{ rules: SalesRule[]; total: number }> {
    const conn = this.db.conn();
    const filtered = () => {
      const query = conn(T.salesRule);
      apply(query);
      return query;
    };
    const count = (await filtered().count({ n: '*' }).first()) as { n: number | string };
    const query = filtered().select('*').limit(page.size).offset((page.current - 1) * page.size);
    for (const s of sort) query.orderBy(s.field, s.direction);
    query.orderBy('rule_id', 'asc');
    return { rules: (await query).map(ruleFromRow), total: Number(count.n) };
  }

  async coupons(ruleId: number): Promise<Coupon[]> {
    return (await this.db.conn()(R.coupon).where('rule_id', ruleId).orderBy('coupon_id')).map(couponFromRow);
  }

  /** A hand-made coupon for a SPECIFIC_COUPON (one) or AUTO rule; codes are unique case-insensitively. */
  async createCoupon(input: { ruleId: number; code: string; usageLimit: number; usagePerCustomer: number }): Promise<Coupon> {
    if (!COUPON_CODE.test(input.code)) throw new InputError(COUPON_CODE_MESSAGE);
    return this.db.transaction(async (trx) => {
      const rule = await this.require(input.ruleId);
      if (rule.couponType === 'NO_COUPON') throw new InputError('The rule is a NO_COUPON rule: it applies without a coupon.');
      if (rule.couponType === 'SPECIFIC_COUPON' && (await trx(R.coupon).where('rule_id', rule.id).first('coupon_id'))) {
        throw new InputError('The rule already has its coupon: a SPECIFIC_COUPON rule has one (use an AUTO rule for several).');
      }
      if (await this.couponRow(input.code, trx)) throw new InputError('Coupon with the same code already exists.');
      const createdAt = Date.now();
      const [id] = await trx(R.coupon).insert({ rule_id: rule.id, code: input.code, usage_limit: input.usageLimit, usage_per_customer: input.usagePerCustomer, type: 0, created_at: createdAt });
      return { id: Number(id), ruleId: rule.id, code: input.code, usageLimit: input.usageLimit, usagePerCustomer: input.usagePerCustomer, timesUsed: 0, type: 0, createdAt };
    });
  }

  /** Magento's CouponGenerationSpec for an AUTO rule: random codes from a CSPRNG, unique, all written or none. */
  async generateCoupons(spec: CouponSpec): Promise<string[]> {
    const alphabet = ALPHABETS[spec.format];
    const body = () => {
      let code = '';
      for (let i = 0; i < spec.length; i++) {
        if (spec.delimiterAtEvery && i && i % spec.delimiterAtEvery === 0) code += spec.delimiter;
        code += alphabet[crypto.randomInt(alphabet.length)];
      }
      return `${spec.prefix}${code}${spec.suffix}`;
    };
    if (!COUPON_CODE.test(body())) throw new InputError(`The generated codes would not be valid: ${COUPON_CODE_MESSAGE}`);
    // Too few combinations for the quantity asked means endless collisions.
    if (alphabet.length ** spec.length < spec.quantity * 10) throw new InputError('The code length is too short for the quantity of coupons asked.');
    return this.db.transaction(async (trx) => {
      const rule = await this.require(spec.ruleId);
      if (rule.couponType !== 'AUTO') throw new InputError('Specified rule does not allow automatic coupon generation');
      const codes = new Set<string>();
      for (let attempts = 0; codes.size < spec.quantity; attempts++) {
        if (attempts > spec.quantity * 20) throw new InputError('Could not generate enough unique codes: use a longer code.');
        const wanted = [...Array(spec.quantity - codes.size)].map(body).filter((c) => !codes.has(c));
        const taken = new Set((await trx(R.coupon).whereIn('code', wanted).select('code')).map((r: { code: string }) => r.code.toLowerCase()));
        for (const code of wanted) if (!taken.has(code.toLowerCase())) codes.add(code);
      }
      const createdAt = Date.now();
      const rows = [...codes].map((code) => ({ rule_id: rule.id, code, usage_limit: rule.usesPerCoupon, usage_per_customer: rule.usesPerCustomer, type: 1, created_at: createdAt }));
      for (let i = 0; i < rows.length; i += 500) await trx(R.coupon).insert(rows.slice(i, i + 500));
      return [...codes];
    });
  }

  async deleteCoupon(id: number): Promise<void> {
    await this.db.transaction(async (trx) => {
      if (!(await trx(R.coupon).where('coupon_id', id).first('coupon_id'))) throw new NoSuchEntityError(`The coupon with the "${id}" ID wasn't found. Verify the ID and try again.`);
      await trx(R.couponUsage).where('coupon_id', id).delete();
      await trx(R.coupon).where('coupon_id', id).delete();
    });
  }

  /**
   * The rule behind a coupon code (case-insensitive, as Magento), for applyCouponToCart: undefined when there is none or the
   * coupon has reached its usage limit.
   */
  async byCode(code: string): Promise<(SalesRule & { couponCode: string; coupon: Coupon }) | undefined> {
    const row = await this.couponRow(code);
    if (!row) return undefined;
    const coupon = couponFromRow(row);
    const rule = await this.get(coupon.ruleId);
    if (!rule || rule.couponType === 'NO_COUPON') return undefined;
    const limit = limitOf(coupon, rule);
    if (limit && coupon.timesUsed >= limit) return undefined;
    return { ...rule, couponCode: coupon.code, coupon };
  }

  isValidOn(rule: SalesRule, today: string): boolean {
    return rule.isActive && (!rule.fromDate || rule.fromDate <= today) && (!rule.toDate || rule.toDate >= today);
  }

  /**
   * The rules that apply to a cart, in Magento's order (sort_order, then id): active and dated for today, for its website and
   * customer group, with uses left for the customer; NO_COUPON rules, plus the rule of the cart's coupon while it has uses left.
   */
  async applicable(context: RuleContext): Promise<RuleCandidate[]> {
    const coupon = context.couponCode ? await this.couponRow(context.couponCode) : undefined;
    const couponRuleId = coupon ? Number(coupon.rule_id) : null;
    const rules = (this.activeRules.peek() ?? (await this.activeRules.current())).filter(
      (r) =>
        (r.couponType === 'NO_COUPON' || r.id === couponRuleId) &&
        this.isValidOn(r, context.today) &&
        (!r.websiteIds.length || r.websiteIds.includes(context.websiteId)) &&
        (!r.customerGroupIds.length || r.customerGroupIds.includes(context.customerGroupId)),
    );
    if (!rules.length) return [];
    const usage = context.customerId ? await this.customerUsage(context.customerId, rules.map((r) => r.id), coupon ? Number(coupon.coupon_id) : null) : null;
    const candidates: RuleCandidate[] = [];
    for (const rule of rules.sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id)) {
      if (rule.usesPerCustomer && usage && (usage.rules.get(rule.id) ?? 0) >= rule.usesPerCustomer) continue;
      if (rule.couponType === 'NO_COUPON') {
        candidates.push({ rule, coupon: null });
        continue;
      }
      const c = couponFromRow(coupon!);
      const limit = limitOf(c, rule);
      if (limit && c.timesUsed >= limit) continue;
      if (c.usagePerCustomer && usage && usage.coupon >= c.usagePerCustomer) continue;
      candidates.push({ rule, coupon: c });
    }
    return candidates;
  }

  /**
   * Counts an order's use of its rules and coupon, in the order's transaction. The coupon's counter only moves while under
   * its limit (a conditional UPDATE), so two checkouts racing for a coupon's last use cannot both get it: the loser's order
   * is refused and rolled back. Per-customer counters work the same way.
   */
  async recordUsage(applied: Array<{ ruleId: number; couponId: number | null }>, customerId: number | null): Promise<void> {
    const conn = this.db.conn();
    for (const { ruleId, couponId } of applied) {
      const rule = await this.require(ruleId);
      await conn(T.salesRule).where('rule_id', ruleId).increment('times_used', 1);
      if (customerId) {
        await conn(R.customer).insert({ rule_id: ruleId, customer_id: customerId, times_used: 0 }).onConflict(['rule_id', 'customer_id']).ignore();
        const q = conn(R.customer).where({ rule_id: ruleId, customer_id: customerId });
        if (rule.usesPerCustomer) q.andWhere('times_used', '<', rule.usesPerCustomer);
        if (!(await q.increment('times_used', 1))) throw new InputError(`The "${rule.name}" discount has already been used the most times allowed for this customer.`);
      }
      if (couponId === null) continue;
      const row = await conn(R.coupon).where('coupon_id', couponId).first();
      if (!row) throw new InputError("The coupon code isn't valid. Verify the code and try again.");
      const coupon = couponFromRow(row);
      const limit = limitOf(coupon, rule);
      const q = conn(R.coupon).where('coupon_id', couponId);
      if (limit) q.andWhere('times_used', '<', limit);
      if (!(await q.increment('times_used', 1))) throw new InputError(`The coupon code "${coupon.code}" has reached its usage limit.`);
      if (customerId) {
        await conn(R.couponUsage).insert({ coupon_id: couponId, customer_id: customerId, times_used: 0 }).onConflict(['coupon_id', 'customer_id']).ignore();
        const u = conn(R.couponUsage).where({ coupon_id: couponId, customer_id: customerId });
        if (coupon.usagePerCustomer) u.andWhere('times_used', '<', coupon.usagePerCustomer);
        if (!(await u.increment('times_used', 1))) throw new InputError(`The coupon code "${coupon.code}" has already been used the most times allowed for this customer.`);
      }
    }
  }

  private async couponRow(code: string, conn: Knex | Knex.Transaction = this.db.conn()): Promise<Record<string, unknown> | undefined> {
    return conn(R.coupon).whereRaw('LOWER(code) = ?', [code.trim().toLowerCase()]).first();
  }

  private async customerUsage(customerId: number, ruleIds: number[], couponId: number | null): Promise<{ rules: Map<number, number>; coupon: number }> {
    const conn = this.db.conn();
    const [rules, coupon] = await Promise.all([
      conn(R.customer).where('customer_id', customerId).whereIn('rule_id', ruleIds).select('rule_id', 'times_used'),
      couponId ? conn(R.couponUsage).where({ customer_id: customerId, coupon_id: couponId }).first('times_used') : undefined,
    ]);
    return { rules: new Map(rules.map((r: { rule_id: number; times_used: number }) => [Number(r.rule_id), Number(r.times_used)])), coupon: Number(coupon?.times_used ?? 0) };
  }
}
