import { defineModule } from '../../app';
import { SalesApi } from './api/tokens';
import { salesConfigFields } from './config/sales-config-fields';
import { salesResolvers } from './graphql/resolvers';
import { salesMigrations } from './migrations';
import { AddressCodec } from './model/address-codec';
import { CartStore } from './model/cart-store';
import { SalesInternal } from './model/sales-internal-tokens';
import { CartAccess } from './quote/cart-access';
import { CartAddressService } from './quote/cart-address-service';
import { CartItemService } from './quote/cart-item-service';
import { CartManagement } from './quote/cart-management';
import { OrderPlacement } from './order/order-placement';
import { DefaultPaymentMethodPool } from './payment/offline-methods';
import { DefaultCarrierPool } from './shipping/carrier-pool';
import { FlatrateCarrier } from './shipping/flatrate-carrier';
import { FreeShippingCarrier } from './shipping/freeshipping-carrier';
import { DefaultTotalsCollectorPool } from './totals/collector-pool';
import { DiscountCollector, GrandTotalCollector, ShippingCollector, SubtotalCollector, TaxCollector } from './totals/collectors';
import { SalesRuleStore } from './totals/sales-rule-store';
import { TotalsService } from './totals/totals-service';

/**
 * Magento_Quote, Magento_Checkout, Magento_Sales, Magento_SalesRule, Magento_OfflineShipping, Magento_Tax (rate table) and
 * their GraphQL modules in one module, in folders: quote/ (carts), totals/ (collectors, coupons), shipping/ (carriers).
 */
export default defineModule({
  name: 'Comptoir_Sales',
  version: '1.0.0',
  sequence: ['Comptoir_Store', 'Comptoir_Directory', 'Comptoir_Catalog', 'Comptoir_Customer'],
  description: 'Carts, totals, shipping, coupons and checkout; storefront cart GraphQL',
  services: (bind) => {
    bind(SalesInternal.AddressCodec).to(AddressCodec).inSingletonScope();
    bind(SalesInternal.CartStore).to(CartStore).inSingletonScope();
    bind(SalesInternal.CartAccess).to(CartAccess).inSingletonScope();
    bind(SalesInternal.CartAddressService).to(CartAddressService).inSingletonScope();
    bind(SalesInternal.CartItemService).to(CartItemService).inSingletonScope();
    bind(SalesInternal.CartManagement).to(CartManagement).inSingletonScope();
    bind(SalesInternal.TotalsService).to(TotalsService).inSingletonScope();
    bind(SalesInternal.SalesRules).to(SalesRuleStore).inSingletonScope();
    bind(SalesInternal.SubtotalCollector).to(SubtotalCollector).inSingletonScope();
    bind(SalesInternal.DiscountCollector).to(DiscountCollector).inSingletonScope();
    bind(SalesInternal.ShippingCollector).to(ShippingCollector).inSingletonScope();
    bind(SalesInternal.TaxCollector).to(TaxCollector).inSingletonScope();
    bind(SalesInternal.GrandTotalCollector).to(GrandTotalCollector).inSingletonScope();
    bind(SalesInternal.FlatrateCarrier).to(FlatrateCarrier).inSingletonScope();
    bind(SalesInternal.FreeShippingCarrier).to(FreeShippingCarrier).inSingletonScope();
    bind(SalesApi.TotalsCollectorPool).to(DefaultTotalsCollectorPool).inSingletonScope();
    bind(SalesApi.CarrierPool).to(DefaultCarrierPool).inSingletonScope();
    bind(SalesApi.PaymentMethodPool).to(DefaultPaymentMethodPool).inSingletonScope();
    bind(SalesInternal.OrderPlacement).to(OrderPlacement).inSingletonScope();
  },
  graphql: { schema: ['graphql/cart.graphqls', 'graphql/checkout.graphqls'], resolvers: salesResolvers },
  migrations: salesMigrations,
  config: salesConfigFields,
});
