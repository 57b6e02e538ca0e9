import { inject, injectable } from 'inversify';
import { SalesInternal } from '../model/sales-internal-tokens';
import { Kernel, type ConfigService } from '../../../app';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import { percentOf, type CarrierPool, type Totals, type TotalsCollector, type TotalsInput } from '../api/totals';
import { SalesApi } from '../api/tokens';
import { SalesRuleStore } from './sales-rule-store';

/** Lines are priced by the totals service before collectors run; this sums them. */
@injectable()
export class SubtotalCollector implements TotalsCollector {
  readonly code = 'subtotal';
  readonly sortOrder = 100;

  async collect(_input: TotalsInput, totals: Totals): Promise<void> {
    totals.subtotal = totals.lines.reduce((sum, l) => sum + l.rowTotal, 0);
    totals.totalQty = totals.lines.reduce((sum, l) => sum + l.item.qty, 0);
  }
}

/** The coupon's cart price rule: a percent per line (rounded half-up per line) or a fixed amount spread over lines. */
@injectable()
export class DiscountCollector implements TotalsCollector {
  readonly code = 'discount';
  readonly sortOrder = 200;

  constructor(@inject(SalesInternal.SalesRules) private readonly rules: SalesRuleStore) {}

  async collect(input: TotalsInput, totals: Totals): Promise<void> {
    if (!input.cart.couponCode) return;
    const rule = await this.rules.byCode(input.cart.couponCode);
    if (!rule || !this.rules.isValidOn(rule, input.today)) return;
    if (rule.simpleAction === 'by_percent') {
      for (const line of totals.lines) line.discount = percentOf(line.rowTotal, rule.discountAmount);
    } else {
      const total = Math.min(rule.discountAmount, totals.subtotal);
      let left = total;
      totals.lines.forEach((line, i) => {
        const share = i === totals.lines.length - 1 ? left : Math.floor((total * line.rowTotal) / Math.max(1, totals.subtotal));
        line.discount = Math.min(share, line.rowTotal);
        left -= line.discount;
      });
    }
    const amount = totals.lines.reduce((sum, l) => sum + l.discount, 0);
    if (amount > 0) {
      totals.discount = amount;
      totals.discounts.push({ label: rule.name, amount, couponCode: rule.couponCode });
    }
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
    const table = JSON.parse(await this.config.getForStore<string>(P.TaxRates, input.storeCode)) as TaxRate[];
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
    const shippingClass = await this.config.getForStore<number>(P.ShippingTaxClass, input.storeCode);
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

  async collect(_input: TotalsInput, totals: Totals): Promise<void> {
    totals.grandTotal = Math.max(0, totals.subtotal - totals.discount + totals.shipping + totals.tax);
  }
}
