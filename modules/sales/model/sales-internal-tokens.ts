import { createToken } from '../../../app';
import type { CartStore } from './cart-store';
import type { AddressCodec } from './address-codec';
import type { CartAccess } from '../quote/cart-access';
import type { CartAddressService } from '../quote/cart-address-service';
import type { CartItemService } from '../quote/cart-item-service';
import type { CartManagement } from '../quote/cart-management';
import type { TotalsService } from '../totals/totals-service';
import type { SalesRuleStore } from '../totals/sales-rule-store';
import type { TotalsCollector, Carrier } from '../api/totals';
import type { OrderPlacement } from '../order/order-placement';
import type { CustomerOrderQuery } from '../order/customer-order-query';
import type { OrderLifecycle } from '../order/order-lifecycle';
import type { AdminOrderQuery } from '../order/admin-order-query';
import type { CreditmemoService } from '../order/creditmemo-service';
import type { SalesDocumentQuery } from '../order/sales-document-query';
import type { CardGateway, PaymentMethod } from '../api/payment';
import type { CardMethod } from '../payment/card-method';
import type { VaultTokenStore } from '../payment/vault-token-store';
import type { OrderConfirmationMailer } from '../mail/order-confirmation-mailer';
import type { OrderMailContextLoader } from '../mail/order-mail-context';
import type { DocumentEmailMailer } from '../mail/document-email-mailer';
import type { OrderCommentMailer } from '../mail/order-comment-mailer';
import type { OrderCommentService } from '../order/order-comment-service';
import type { CustomerOrderActions } from '../order/customer-order-actions';
import type { OrderToken } from '../order/order-token';

/** Bindings private to this module. */
export const SalesInternal = {
  CartStore: createToken<CartStore>('Comptoir_Sales.CartStore'),
  AddressCodec: createToken<AddressCodec>('Comptoir_Sales.AddressCodec'),
  CartAccess: createToken<CartAccess>('Comptoir_Sales.CartAccess'),
  CartAddressService: createToken<CartAddressService>('Comptoir_Sales.CartAddressService'),
  CartItemService: createToken<CartItemService>('Comptoir_Sales.CartItemService'),
  CartManagement: createToken<CartManagement>('Comptoir_Sales.CartManagement'),
  TotalsService: createToken<TotalsService>('Comptoir_Sales.TotalsService'),
  SalesRules: createToken<SalesRuleStore>('Comptoir_Sales.SalesRules'),
  SubtotalCollector: createToken<TotalsCollector>('Comptoir_Sales.SubtotalCollector'),
  DiscountCollector: createToken<TotalsCollector>('Comptoir_Sales.DiscountCollector'),
  ShippingCollector: createToken<TotalsCollector>('Comptoir_Sales.ShippingCollector'),
  TaxCollector: createToken<TotalsCollector>('Comptoir_Sales.TaxCollector'),
  GrandTotalCollector: createToken<TotalsCollector>('Comptoir_Sales.GrandTotalCollector'),
  FlatrateCarrier: createToken<Carrier>('Comptoir_Sales.FlatrateCarrier'),
  FreeShippingCarrier: createToken<Carrier>('Comptoir_Sales.FreeShippingCarrier'),
  OrderPlacement: createToken<OrderPlacement>('Comptoir_Sales.OrderPlacement'),
  CardMethod: createToken<CardMethod>('Comptoir_Sales.CardMethod'),
  CardVaultMethod: createToken<PaymentMethod>('Comptoir_Sales.CardVaultMethod'),
  SandboxGateway: createToken<CardGateway>('Comptoir_Sales.SandboxGateway'),
  CustomerOrderQuery: createToken<CustomerOrderQuery>('Comptoir_Sales.CustomerOrderQuery'),
  OrderLifecycle: createToken<OrderLifecycle>('Comptoir_Sales.OrderLifecycle'),
  AdminOrderQuery: createToken<AdminOrderQuery>('Comptoir_Sales.AdminOrderQuery'),
  CreditmemoService: createToken<CreditmemoService>('Comptoir_Sales.CreditmemoService'),
  SalesDocumentQuery: createToken<SalesDocumentQuery>('Comptoir_Sales.SalesDocumentQuery'),
  VaultTokens: createToken<VaultTokenStore>('Comptoir_Sales.VaultTokens'),
  OrderConfirmationMailer: createToken<OrderConfirmationMailer>('Comptoir_Sales.OrderConfirmationMailer'),
  OrderMailContext: createToken<OrderMailContextLoader>('Comptoir_Sales.OrderMailContext'),
  DocumentEmailMailer: createToken<DocumentEmailMailer>('Comptoir_Sales.DocumentEmailMailer'),
  OrderCommentMailer: createToken<OrderCommentMailer>('Comptoir_Sales.OrderCommentMailer'),
  OrderComments: createToken<OrderCommentService>('Comptoir_Sales.OrderComments'),
  CustomerOrderActions: createToken<CustomerOrderActions>('Comptoir_Sales.CustomerOrderActions'),
  OrderToken: createToken<OrderToken>('Comptoir_Sales.OrderToken'),
} as const;
