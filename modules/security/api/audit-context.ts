import { AmbientSlot, type ServiceLocator } from '../../../app';
import type { RequestActor } from './audit-log';
import { cliActor } from './request-actor';

/** What the audit trail knows about the request being served: who (once authenticated), from where, through which API. */
export interface AuditScope {
  actor: RequestActor;
  /** The application serving the request: plugins, which get no container, reach the audit trail through it. */
  readonly locator: ServiceLocator;
  /** `<resource>:<id>` reads already recorded in this request, so a query touching a customer twice writes one entry. */
  readonly recorded: Set<string>;
}

/*
 * The request-scoped audit context (a slot of the kernel's one AsyncLocalStorage, see AmbientSlot): the HTTP middleware
 * opens one per /graphql and /rest request, the authenticating services fill in the actor, and plugins deep in a repository
 * can then say whose data went to whom. One slot per process is enough: each request's scope names its own application.
 */
const scopes = new AmbientSlot<AuditScope>();

export function currentAuditScope(): AuditScope | undefined {
  return scopes.get();
}

export function runInAuditScope<T>(scope: AuditScope, work: () => T): T {
  return scopes.run(scope, work);
}

/** Sets the authenticated principal of the current request, if any (channel and address stay the request's). */
export function identifyAuditActor(actor: Pick<RequestActor, 'type' | 'id'> & Partial<RequestActor>): void {
  const scope = scopes.get();
  if (scope) scope.actor = { ...scope.actor, type: actor.type, id: actor.id, name: actor.name ?? scope.actor.name ?? null };
}

/** Commands that run a server or consumers: what they do on their own is the system's, not the shell user's. */
const LONG_RUNNING = /^(serve|queue:consumers:start|cron:run)$/;
let processActor: RequestActor | undefined;

/** The actor of the current request; outside one, the shell user of a CLI command, else `system` (consumers, tests). */
export function currentAuditActor(): RequestActor {
  const scope = scopes.get();
  if (scope) return scope.actor;
  if (!processActor) {
    const script = process.argv[1] ?? '';
    const command = process.argv[2] ?? '';
    const isCli = /(^|[\\/])(comptoir|bin\.[jt]s)$/.test(script) && command !== '' && !LONG_RUNNING.test(command);
    processActor = isCli ? cliActor() : { type: 'system', name: 'system', channel: 'system' };
  }
  return processActor;
}
