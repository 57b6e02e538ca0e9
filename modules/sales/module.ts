import { defineModule } from '../../app';
import { SalesApi } from './api/tokens';
import { sandboxTokenizerCommand } from './cli/sandbox-tokenizer.command';
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
import { CustomerOrderQuery } from './order/customer-order-query';
import { OrderToken } from './order/order-token';
import { AdminOrderQuery } from './order/admin-order-query';
import { OrderLifecycle } from './order/order-lifecycle';
import { CustomerOrderActions } from './order/customer-order-actions';
import { CreditmemoService } from './order/creditmemo-service';
import { SalesDocumentQuery } from './order/sales-document-query';
import { OrderConfirmationMailer } from './mail/order-confirmation-mailer';
import { OrderMailContextLoader } from './mail/order-mail-context';
import { DocumentEmailMailer } from './mail/document-email-mailer';
import { OrderCommentMailer } from './mail/order-comment-mailer';
import { OrderCommentService } from './order/order-comment-service';
import { orderConfirmationObserver } from './observers/order-confirmation.observer';
import { creditmemoEmailObserver, invoiceEmailObserver, orderCommentEmailObserver, shipmentEmailObserver } from './observers/document-email.observer';
import { salesRuleUsageObserver } from './observers/sales-rule-usage.observer';
import { SalesRuleAcl, salesRuleRoutes } from './rest/sales-rules.routes';
import { orderRoutes, SalesAcl } from './rest/orders.routes';
import { DefaultPaymentMethodPool } from './payment/payment-method-pool';
import { DefaultCardGatewayPool } from './payment/card-gateway-pool';
import { CardMethod } from './payment/card-method';
import { cardGatewayCsp } from './payment/card-gateway-csp';
import { CardVaultMethod } from './payment/card-vault-method';
import { SandboxGateway } from './payment/sandbox/sandbox-gateway';
import { VaultTokenStore } from './payment/vault-token-store';
import { DefaultCarrierPool } from './shipping/carrier-pool';
import { FlatrateCarrier } from './shipping/flatrate-carrier';
import { FreeShippingCarrier } from './shipping/freeshipping-carrier';
import { DefaultTotalsCollectorPool } from './totals/collector-pool';
import { DiscountCollector, GrandTotalCollector, ShippingCollector, SubtotalCollector, TaxCollector } from './totals/collectors';
import { SalesRuleStore } from './totals/sales-rule-store';
import { TotalsService } from './totals/totals-service';

/**
 * Magento_Quote, Magento_Checkout, Magento_Sales, Magento_SalesRule, Magento_OfflineShipping, Magento_Tax (rate table) and
 * their GraphQL modules in one module, in folders: quote/ (carts), totals/ (collectors, coupons), shipping/ (carriers),
 * payment/ (methods, card gateways, vault), order/ (placeOrder, invoice/ship/cancel), rest/ (admin order API).
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
    bind(SalesInternal.SandboxGateway).to(SandboxGateway).inSingletonScope();
    bind(SalesApi.CardGatewayPool).to(DefaultCardGatewayPool).inSingletonScope();
    bind(SalesInternal.CardMethod).to(CardMethod).inSingletonScope();
    bind(SalesInternal.CardVaultMethod).to(CardVaultMethod).inSingletonScope();
    bind(SalesInternal.VaultTokens).to(VaultTokenStore).inSingletonScope();
    bind(SalesInternal.CustomerOrderQuery).to(CustomerOrderQuery).inSingletonScope();
    bind(SalesInternal.OrderLifecycle).to(OrderLifecycle).inSingletonScope();
    bind(SalesInternal.AdminOrderQuery).to(AdminOrderQuery).inSingletonScope();
    bind(SalesInternal.CreditmemoService).to(CreditmemoService).inSingletonScope();
    bind(SalesInternal.SalesDocumentQuery).to(SalesDocumentQuery).inSingletonScope();
    bind(SalesInternal.OrderConfirmationMailer).to(OrderConfirmationMailer).inSingletonScope();
    bind(SalesInternal.OrderMailContext).to(OrderMailContextLoader).inSingletonScope();
    bind(SalesInternal.DocumentEmailMailer).to(DocumentEmailMailer).inSingletonScope();
    bind(SalesInternal.OrderCommentMailer).to(OrderCommentMailer).inSingletonScope();
    bind(SalesInternal.OrderComments).to(OrderCommentService).inSingletonScope();
    bind(SalesInternal.CustomerOrderActions).to(CustomerOrderActions).inSingletonScope();
    bind(SalesInternal.OrderToken).to(OrderToken).inSingletonScope();
  },
  observers: [orderConfirmationObserver, salesRuleUsageObserver, invoiceEmailObserver, shipmentEmailObserver, creditmemoEmailObserver, orderCommentEmailObserver],
  graphql: { schema: ['graphql/cart.graphqls', 'graphql/checkout.graphqls', 'graphql/payment-token.graphqls', 'graphql/orders.graphqls'], resolvers: salesResolvers },
  rest: [...orderRoutes, ...salesRuleRoutes],
  // Magento_Sales' ids for Sales > Operations > Orders and its actions, which the order REST routes require.
  acl: [
    { id: SalesAcl.sales, title: 'Sales' },
    { id: SalesAcl.operation, title: 'Operations', parent: SalesAcl.sales },
    { id: SalesAcl.order, title: 'Orders', parent: SalesAcl.operation },
    { id: SalesAcl.actions, title: 'Actions', parent: SalesAcl.order },
    { id: SalesAcl.view, title: 'View', parent: SalesAcl.actions },
    { id: SalesAcl.invoice, title: 'Invoice', parent: SalesAcl.actions },
    { id: SalesAcl.ship, title: 'Ship', parent: SalesAcl.actions },
    { id: SalesAcl.cancel, title: 'Cancel', parent: SalesAcl.actions },
    { id: SalesAcl.comment, title: 'Comment', parent: SalesAcl.actions },
    { id: SalesAcl.hold, title: 'Hold', parent: SalesAcl.actions },
    { id: SalesAcl.unhold, title: 'Unhold', parent: SalesAcl.actions },
    { id: SalesAcl.emails, title: 'Send Order Email', parent: SalesAcl.actions },
    // Magento_SalesRule's Marketing > Cart Price Rules (no module declares Marketing, so it stands alone).
    { id: SalesRuleAcl.quote, title: 'Cart Price Rules' },
    { id: SalesAcl.creditmemo, title: 'Credit Memos', parent: SalesAcl.actions },
  ],
  http: { csp: [cardGatewayCsp] },
  migrations: salesMigrations,
  config: salesConfigFields,
  commands: [sandboxTokenizerCommand],
});
