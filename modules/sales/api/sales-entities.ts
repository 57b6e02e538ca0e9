/** Money is always in integer minor units of the store's base currency. */

export interface CartAddress {
  id: number;
  type: 'shipping' | 'billing';
  firstname: string;
  lastname: string;
  middlename: string | null;
  prefix: string | null;
  suffix: string | null;
  company: string | null;
  street: string[];
  city: string;
  countryId: string;
  region: string | null;
  regionCode: string | null;
  regionId: number | null;
  postcode: string | null;
  telephone: string | null;
  fax: string | null;
  vatId: string | null;
  customerAddressId: number | null;
  customerNotes: string | null;
  /** carrier_method, e.g. flatrate_flatrate. */
  shippingMethod: string | null;
}

export interface CartItem {
  id: number;
  /** The product bought: the simple product, or the configurable parent. */
  productId: number;
  sku: string;
  productType: string;
  /** The configurable's chosen child (the stock and the sku shipped are the child's). */
  childProductId: number | null;
  childSku: string | null;
  /** base64 uids of the chosen configurable option values. */
  selectedOptions: string[];
  qty: number;
  createdAt: number;
}

export interface Cart {
  id: number;
  maskedId: string;
  storeId: number;
  customerId: number | null;
  email: string | null;
  isActive: boolean;
  couponCode: string | null;
  paymentMethod: string | null;
  poNumber: string | null;
  createdAt: number;
  updatedAt: number;
}

export type OrderState = 'new' | 'processing' | 'complete' | 'canceled' | 'closed';

export interface OrderRecord {
  id: number;
  incrementId: string;
  quoteId: number;
  storeId: number;
  customerId: number | null;
  email: string;
  state: OrderState;
  status: string;
  currency: string;
  subtotal: number;
  shippingAmount: number;
  discountAmount: number;
  taxAmount: number;
  grandTotal: number;
  totalPaid: number;
  totalQty: number;
  couponCode: string | null;
  shippingMethod: string | null;
  shippingDescription: string | null;
  createdAt: number;
}
