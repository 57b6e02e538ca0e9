import { inject, injectable } from 'inversify';
import type { CardGateway, CardGatewayPool } from '../api/payment';
import { SalesInternal } from '../model/sales-internal-tokens';

/** The gateways the card method can use, by the code set in payment/comptoir_card/gateway; modules add theirs with a plugin on get(). */
@injectable()
export class DefaultCardGatewayPool implements CardGatewayPool {
  private readonly gateways: Map<string, CardGateway>;

  constructor(@inject(SalesInternal.SandboxGateway) sandbox: CardGateway) {
    this.gateways = new Map([[sandbox.code, sandbox]]);
  }

  get(code: string): CardGateway | undefined {
    return this.gateways.get(code);
  }
}
