import { InputError, type RestRequest, type RestRoute } from '../../../app';
import { CatalogApi } from '../../catalog/api';
import { StoreApi } from '../../store/api';
import { SalesInternal } from '../model/sales-internal-tokens';
import { type RuleInput, couponBody, couponDto, couponSpecBody, createRuleBody, ruleData, ruleDto, ruleSearchCriteria, updateRuleBody } from './sales-rule-dto';

/** Magento_SalesRule's ACL id (Marketing > Cart Price Rules), declared in the manifest's `acl`. */
export const SalesRuleAcl = { quote: 'Magento_SalesRule::quote' } as const;

function idParam(req: RestRequest, name: string): number {
  const id = req.params[name];
  if (!/^\d{1,10}$/.test(id)) throw new InputError(`"${id}" is not a valid id.`);
  return Number(id);
}

/** Rule amounts are in the base currency of the default store view (USD: 2 digits, JPY: none). */
async function currencyDigits(req: RestRequest): Promise<number> {
  const view = await req.get(StoreApi.StoreRepository).getDefaultStoreView();
  return (await req.get(CatalogApi.Context).forStore(view?.id ?? 1)).currencyDigits;
}

/** Magento's cart price rule and coupon REST API (`/V1/salesRules`, `/V1/coupons`), same paths and shapes. */
export const salesRuleRoutes: RestRoute[] = [
  {
    method: 'POST',
    path: '/salesRules',
    resource: SalesRuleAcl.quote,
    body: createRuleBody,
    handler: async (req) => {
      const digits = await currencyDigits(req);
      const rule = await req.get(SalesInternal.SalesRules).createRule(ruleData((req.body as { rule: RuleInput }).rule, digits));
      return ruleDto(rule, digits);
    },
  },
  {
    method: 'GET',
    path: '/salesRules/search',
    resource: SalesRuleAcl.quote,
    handler: async (req) => {
      const digits = await currencyDigits(req);
      const criteria = ruleSearchCriteria(req.query as Record<string, unknown>);
      const { rules, total } = await req.get(SalesInternal.SalesRules).search(criteria.apply, criteria.page, criteria.sort);
      return { items: rules.map((r) => ruleDto(r, digits)), search_criteria: criteria.echo, total_count: total };
    },
  },
  {
    method: 'GET',
    path: '/salesRules/:id',
    resource: SalesRuleAcl.quote,
    handler: async (req) => ruleDto(await req.get(SalesInternal.SalesRules).require(idParam(req, 'id')), await currencyDigits(req)),
  },
  {
    method: 'PUT',
    path: '/salesRules/:id',
    resource: SalesRuleAcl.quote,
    body: updateRuleBody,
    handler: async (req) => {
      const id = idParam(req, 'id');
      const input = (req.body as { rule: RuleInput & { rule_id?: number } }).rule;
      if (input.rule_id !== undefined && input.rule_id !== id) throw new InputError('"rule_id" in the body does not match the rule in the path.');
      const store = req.get(SalesInternal.SalesRules);
      const digits = await currencyDigits(req);
      const current = await store.require(id);
      return ruleDto(await store.update(id, ruleData(input, digits, current)), digits);
    },
  },
  {
    method: 'DELETE',
    path: '/salesRules/:id',
    resource: SalesRuleAcl.quote,
    handler: async (req) => {
      await req.get(SalesInternal.SalesRules).delete(idParam(req, 'id'));
      return true;
    },
  },
  {
    method: 'POST',
    path: '/coupons',
    resource: SalesRuleAcl.quote,
    body: couponBody,
    handler: async (req) => {
      const { coupon } = req.body as { coupon: { rule_id: number; code: string; usage_limit: number; usage_per_customer: number } };
      const created = await req.get(SalesInternal.SalesRules).createCoupon({ ruleId: coupon.rule_id, code: coupon.code, usageLimit: coupon.usage_limit, usagePerCustomer: coupon.usage_per_customer });
      return couponDto(created);
    },
  },
  {
    method: 'POST',
    path: '/coupons/generate',
    resource: SalesRuleAcl.quote,
    body: couponSpecBody,
    handler: async (req) => {
      const { couponSpec: s } = req.body as { couponSpec: { rule_id: number; quantity: number; length: number; format: 'alphanum' | 'alpha' | 'num'; prefix: string; suffix: string; delimiter_at_every: number; delimiter: string } };
      return req.get(SalesInternal.SalesRules).generateCoupons({
        ruleId: s.rule_id,
        quantity: s.quantity,
        length: s.length,
        format: s.format,
        prefix: s.prefix,
        suffix: s.suffix,
        delimiterAtEvery: s.delimiter_at_every,
        delimiter: s.delimiter,
      });
    },
  },
  {
    method: 'DELETE',
    path: '/coupons/:id',
    resource: SalesRuleAcl.quote,
    handler: async (req) => {
      await req.get(SalesInternal.SalesRules).deleteCoupon(idParam(req, 'id'));
      return true;
    },
  },
];
