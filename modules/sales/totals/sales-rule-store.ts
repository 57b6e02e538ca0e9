import { inject, injectable } from 'inversify';
import { Kernel, type Database } from '../../../app';
import { InputError } from '../../../app';
import { SalesTable as T } from '../api/sales-tables';

/** A cart price rule with a coupon (Magento's salesrule): by_percent (percent of each line) or cart_fixed (minor units). */
export interface SalesRule {
  id: number;
  name: string;
  couponCode: string;
  simpleAction: 'by_percent' | 'cart_fixed';
  /** Percent for by_percent (1-100), minor units for cart_fixed. */
  discountAmount: number;
  isActive: boolean;
  fromDate: string | null;
  toDate: string | null;
}

export type SalesRuleInput = Omit<SalesRule, 'id'>;

@injectable()
export class SalesRuleStore {
  constructor(@inject(Kernel.Database) private readonly db: Database) {}

  async create(input: SalesRuleInput): Promise<SalesRule> {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(input.couponCode)) throw new InputError('The coupon code may use letters, digits, "-" and "_" only (64 at most).');
    if (!['by_percent', 'cart_fixed'].includes(input.simpleAction)) throw new InputError('The action must be by_percent or cart_fixed.');
    if (!Number.isInteger(input.discountAmount) || input.discountAmount <= 0 || (input.simpleAction === 'by_percent' && input.discountAmount > 100)) {
      throw new InputError('The discount amount must be a whole percent (1-100) or a positive amount in minor units.');
    }
    const [id] = await this.db.conn()(T.salesRule).insert({
      name: input.name,
      coupon_code: input.couponCode,
      simple_action: input.simpleAction,
      discount_amount: input.discountAmount,
      is_active: input.isActive,
      from_date: input.fromDate,
      to_date: input.toDate,
    });
    return { ...input, id: Number(id) };
  }

  /** Coupon codes compare case-insensitively, as Magento's. */
  async byCode(code: string): Promise<SalesRule | undefined> {
    const row = await this.db.conn()(T.salesRule).whereRaw('LOWER(coupon_code) = ?', [code.trim().toLowerCase()]).first();
    if (!row) return undefined;
    return {
      id: Number(row.rule_id),
      name: row.name,
      couponCode: row.coupon_code,
      simpleAction: row.simple_action,
      discountAmount: Number(row.discount_amount),
      isActive: Boolean(Number(row.is_active)),
      fromDate: row.from_date,
      toDate: row.to_date,
    };
  }

  isValidOn(rule: SalesRule, today: string): boolean {
    return rule.isActive && (!rule.fromDate || rule.fromDate <= today) && (!rule.toDate || rule.toDate >= today);
  }
}
