import { inject, injectable } from 'inversify';
import { SalesInternal } from '../model/sales-internal-tokens';
import { Kernel, type ConfigService, type Database, type ScopeResolver } from '../../../app';
import { CustomerGroupId, CustomerTable } from '../../customer/api';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import { percentOf, type CarrierPool, type Totals, type TotalsCollector, type TotalsInput, type TotalsLine } from '../api/totals';
import { SalesApi } from '../api/tokens';
import type { RuleCandidate, SalesRule, SalesRuleStore } from './sales-rule-store';

/** Lines are priced by the totals service before collectors run; this sums them. */
@injectable()
export class SubtotalCollector implements TotalsCollector {
  readonly code = 'subtotal';
  readonly sortOrder = 100;

  collect(_input: TotalsInput, totals: Totals): void {
    totals.subtotal = totals.lines.reduce((sum, l) => sum + l.rowTotal, 0);
    totals.totalQty = totals.lines.reduce((sum, l) => sum + l.item.qty, 0);
  }
}

/** The rules a totals run applied, for usage counting at order placement (the Totals shape stays the api's). */
const appliedRules = new WeakMap<Totals, Array<{ ruleId: number; couponId: number | null }>>();

export function appliedRulesOf(totals: Totals): Array<{ ruleId: number; couponId: number | null }> {
  return appliedRules.get(totals) ?? [];
}

/**
 * The cart price rules that apply to a cart, in the order they run: the NO_COUPON rules and `couponCode`'s rule that apply to
 * the cart's website, customer group (guests: NOT LOGGED IN, 0) and `today`, with uses left, up to the first one that stops
 * rules processing. The discount collector applies them; applyCouponToCart refuses a coupon whose rule is not among them.
 */
export async function rulesForCart(
  deps: { rules: SalesRuleStore; scopes: ScopeResolver; db: Database },
  cart: { storeId: number; customerId: number | null },
  couponCode: string | null,
  today: string,
): Promise<RuleCandidate[]> {
  const store = await deps.scopes.getStoreById(cart.storeId);
  const candidates = await deps.rules.applicable({
    websiteId: store?.websiteId ?? 0,
    customerGroupId: cart.customerId ? await customerGroupOf(deps.db, cart.customerId) : CustomerGroupId.NotLoggedIn,
    customerId: cart.customerId,
    couponCode,
    today,
  });
  const stop = candidates.findIndex((c) => c.rule.stopRulesProcessing);
  return stop < 0 ? candidates : candidates.slice(0, stop + 1);
}

/** A customer's group (NOT LOGGED IN, 0, when the account is gone); guests are in NOT LOGGED IN without asking. */
async function customerGroupOf(db: Database, customerId: number): Promise<number> {
  const row = await db.conn()(CustomerTable.entity).where('entity_id', customerId).first('group_id');
  return row ? Number(row.group_id) : CustomerGroupId.NotLoggedIn;
}

/**
 * Magento's cart price rules: the NO_COUPON rules and the coupon's rule that apply to the cart's website, customer group and
 * date, in sort_order; each discounts what earlier rules left of every line, and one with stop_rules_processing ends the run.
 * by_percent: percent of the line, rounded half-up per line; by_fixed: an amount off each unit; both up to discount_qty units
 * of a line. cart_fixed: one amount spread over lines in proportion to what is left of them, the last line taking the remainder.
 */
@injectable()
export class DiscountCollector implements TotalsCollector {
  readonly code = 'discount';
  readonly sortOrder = 200;

  constructor(
    @inject(SalesInternal.SalesRules) private readonly rules: SalesRuleStore,
    @inject(Kernel.ScopeResolver) private readonly scopes: ScopeResolver,
    @inject(Kernel.Database) private readonly db: Database,
  ) {}

  async collect(input: TotalsInput, totals: Totals): Promise<void> {
    if (!totals.lines.length) return;
    const candidates = await rulesForCart({ rules: this.rules, scopes: this.scopes, db: this.db }, input.cart, input.cart.couponCode, input.today);
    const applied: Array<{ ruleId: number; couponId: number | null }> = [];
    for (const { rule, coupon } of candidates) {
      const before = totals.lines.map((l) => l.discount);
      applyRule(rule, totals);
      const amount = totals.lines.reduce((sum, l, i) => sum + l.discount - before[i], 0);
      if (amount > 0) {
        const couponCode = coupon?.code ?? null;
        totals.lines.forEach((line, i) => {
          if (line.discount > before[i]) line.discounts.push({ label: rule.name, amount: line.discount - before[i], couponCode });
        });
        totals.discounts.push({ label: rule.name, amount, couponCode });
        applied.push({ ruleId: rule.id, couponId: coupon?.id ?? null });
      }
    }
    totals.discount = totals.lines.reduce((sum, l) => sum + l.discount, 0);
    appliedRules.set(totals, applied);
  }
}

function applyRule(rule: SalesRule, totals: Totals): void {
  const left = (l: TotalsLine) => l.rowTotal - l.discount;
  if (rule.simpleAction === 'cart_fixed') {
    const base = totals.lines.reduce((sum, l) => sum + left(l), 0);
    const total = Math.min(rule.discountAmount, base);
    let rest = total;
    totals.lines.forEach((line, i) => {
      const share = i === totals.lines.length - 1 ? rest : Math.floor((total * left(line)) / Math.max(1, base));
      const part = Math.min(share, left(line));
      line.discount += part;
      rest -= part;
    });
    return;
  }
  for (const line of totals.lines) {
    const units = rule.discountQty ? Math.min(line.item.qty, rule.discountQty) : line.item.qty;
    // As Magento's ByPercent: a percent of what earlier rules left of the (discount_qty) units.
    const amount = rule.simpleAction === 'by_percent' ? percentOf(Math.min(line.unitPrice * units, left(line)), rule.discountAmount) : rule.discountAmount * units;
    line.discount += Math.min(amount, left(line));
  }
}

/** The selected method's rate, asked again from its carrier (prices are never taken from the client). */
@injectable()
export class ShippingCollector implements TotalsCollector {
  readonly code = 'shipping';
  readonly sortOrder = 300;

  constructor(@inject(SalesApi.CarrierPool) private readonly carriers: CarrierPool) {}

  async collect(input: TotalsInput, totals: Totals): Promise<void> {
    const address = input.shippingAddress;
    if (totals.isVirtual || !address?.shippingMethod) return;
    const [carrierCode] = address.shippingMethod.split('_', 1);
    const carrier = this.carriers.list().find((c) => c.code === carrierCode);
    if (!carrier) return;
    const rates = await carrier.rates({ storeCode: input.storeCode, address, totals });
    const rate = rates.find((r) => `${r.carrierCode}_${r.methodCode}` === address.shippingMethod && r.available);
    if (!rate) return;
    totals.shippingRate = rate;
    totals.shipping = rate.amount;
  }
}

interface TaxRate {
  country: string;
  region?: string;
  product_tax_class?: number;
  rate: number;
  label?: string;
}

/** Magento's "Taxable Goods" class: products without a tax_class_id are taxed as it. */
const DEFAULT_PRODUCT_TAX_CLASS = 2;

/** Tax per line from the rate table (destination country/region and product tax class), prices excluding tax. */
@injectable()
export class TaxCollector implements TotalsCollector {
  readonly code = 'tax';
  readonly sortOrder = 400;

  constructor(@inject(Kernel.Config) private readonly config: ConfigService) {}

  async collect(input: TotalsInput, totals: Totals): Promise<void> {
    const address = totals.isVirtual ? input.billingAddress : input.shippingAddress;
    if (!address) return;
    const [rates, shippingClass] = await this.config.getManyForStore<[string, number]>([P.TaxRates, P.ShippingTaxClass], input.storeCode);
    const table = JSON.parse(rates) as TaxRate[];
    if (!table.length) return;
    const find = (taxClass: number) =>
      table.find(
        (r) =>
          (r.country === '*' || r.country === address.countryId) &&
          (!r.region || r.region === '*' || r.region === address.regionCode) &&
          (r.product_tax_class === undefined || r.product_tax_class === taxClass),
      );
    const byLabel = new Map<string, number>();
    for (const line of totals.lines) {
      const taxClass = Number(line.product.attributes.tax_class_id ?? DEFAULT_PRODUCT_TAX_CLASS);
      const rate = taxClass ? find(taxClass) : undefined;
      if (!rate) continue;
      line.taxPercent = rate.rate;
      line.taxAmount = percentOf(line.rowTotal - line.discount, rate.rate);
      const label = rate.label ?? `${rate.country}-${rate.region ?? '*'}-${rate.rate}`;
      byLabel.set(label, (byLabel.get(label) ?? 0) + line.taxAmount);
    }
    const shippingRate = shippingClass && totals.shipping ? find(shippingClass) : undefined;
    if (shippingRate) {
      totals.shippingTax = percentOf(totals.shipping, shippingRate.rate);
      const label = shippingRate.label ?? `${shippingRate.country}-${shippingRate.region ?? '*'}-${shippingRate.rate}`;
      byLabel.set(label, (byLabel.get(label) ?? 0) + totals.shippingTax);
    }
    totals.tax = totals.lines.reduce((sum, l) => sum + l.taxAmount, 0) + totals.shippingTax;
    totals.appliedTaxes = [...byLabel].filter(([, amount]) => amount > 0).map(([label, amount]) => ({ label, amount }));
  }
}

@injectable()
export class GrandTotalCollector implements TotalsCollector {
  readonly code = 'grand_total';
  readonly sortOrder = 1000;

  collect(_input: TotalsInput, totals: Totals): void {
    totals.grandTotal = Math.max(0, totals.subtotal - totals.discount + totals.shipping + totals.tax);
  }
}
