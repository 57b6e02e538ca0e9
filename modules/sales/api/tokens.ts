import { createToken } from '../../../app';
import type { CardGatewayPool, PaymentMethodPool } from './payment';
import type { CarrierPool, TotalsCollectorPool } from './totals';

/** Service ids other modules ask the container for (and extend with plugins). */
export const SalesApi = {
  TotalsCollectorPool: createToken<TotalsCollectorPool>('Comptoir_Sales.TotalsCollectorPool'),
  CarrierPool: createToken<CarrierPool>('Comptoir_Sales.CarrierPool'),
  PaymentMethodPool: createToken<PaymentMethodPool>('Comptoir_Sales.PaymentMethodPool'),
  CardGatewayPool: createToken<CardGatewayPool>('Comptoir_Sales.CardGatewayPool'),
} as const;
