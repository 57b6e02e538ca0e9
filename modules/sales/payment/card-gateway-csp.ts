import { Kernel, type ServiceLocator } from '../../../app';
import type { CspSourceDeclaration } from '../../../app/http/storefront-csp';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import { SalesApi } from '../api/tokens';

/**
 * PAY-04: card data is typed only into the gateway's hosted fields, so the storefront must load the gateway's script, frame
 * its fields and let them post to it — and nothing else. The store view's configured gateway adds its hosted-fields origin
 * while the card method is on and the gateway can run there (the sandbox cannot in production); otherwise nothing.
 */
export const cardGatewayCsp: CspSourceDeclaration = {
  name: 'comptoir_card_gateway',
  sources: async (locator: ServiceLocator, storeCode: string) => {
    const config = locator.get(Kernel.Config);
    if (!(await config.getForStore<boolean>(P.CardActive, storeCode))) return {};
    const gateway = locator.get(SalesApi.CardGatewayPool).get(await config.getForStore<string>(P.CardGateway, storeCode));
    if (!gateway?.isAvailable()) return {};
    const origin = await config.getForStore<string>(P.CardHostedFieldsOrigin, storeCode);
    return { 'script-src': [origin], 'frame-src': [origin], 'connect-src': [origin] };
  },
};
