import type { Request } from 'express';
import type { RouteResource } from './rest-route';

export type AuthorizationResult =
  | { allowed: true; principal?: { type: string; id: string | number; [key: string]: unknown } }
  | { allowed: false; status: 401 | 403; message: string };

/**
 * Decides whether a REST call may reach a route that declared `resource`. The kernel's default denies every admin resource
 * (deny by default) and lets `anonymous` through; the admin security module replaces it by preference.
 */
export interface AdminAuthorizer {
  authorize(req: Request, resource: RouteResource): Promise<AuthorizationResult>;
}

export class DenyAllAdminAuthorizer implements AdminAuthorizer {
  async authorize(_req: Request, resource: RouteResource): Promise<AuthorizationResult> {
    if (resource === 'anonymous') return { allowed: true };
    return { allowed: false, status: 401, message: `The consumer isn't authorized to access ${resource}.` };
  }
}
