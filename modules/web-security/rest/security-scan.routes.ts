import type { RestRoute } from '../../../app';
import { WebSecurityApi } from '../api/tokens';

/** Who may run the scan over REST: an admin role granted this resource (System > Security scan). */
export const SECURITY_SCAN_RESOURCE = 'Comptoir_WebSecurity::security_scan';

export const securityScanRoutes: RestRoute[] = [
  {
    method: 'GET',
    path: '/security/scan',
    resource: SECURITY_SCAN_RESOURCE,
    // The headers are probed on the very app serving this request.
    handler: async (req) => req.get(WebSecurityApi.SecurityScanner).scan({ httpHandler: req.raw.app }),
  },
];
