import os from 'node:os';
import type { RestRequest } from '../../../app';
import type { RequestActor } from './audit-log';

/** The actor of a REST call: the principal the authorizer attached (admin, customer), or anonymous, with the client address. */
export function restActor(req: Pick<RestRequest, 'principal' | 'ip'>): RequestActor {
  const principal = req.principal;
  if (!principal) return { type: 'anonymous', ip: req.ip, channel: 'rest' };
  const type = principal.type === 'admin' || principal.type === 'customer' ? principal.type : 'anonymous';
  const name = typeof principal.username === 'string' ? principal.username : typeof principal.email === 'string' ? principal.email : null;
  return { type, id: principal.id, name, ip: req.ip, channel: 'rest' };
}

/** The actor of a CLI command: whoever runs the shell (the OS user name, when known). */
export function cliActor(): RequestActor {
  let name: string | null = null;
  try {
    name = process.env.USER ?? process.env.LOGNAME ?? os.userInfo().username;
  } catch {
    name = null;
  }
  return { type: 'cli', name, channel: 'cli' };
}
