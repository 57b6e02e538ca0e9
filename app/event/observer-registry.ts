import { KernelError } from '../kernel/errors';
import type { LoadedModule, ObserverDeclaration } from '../module/manifest';

export interface RegisteredObserver extends ObserverDeclaration {
  module: string;
  /** `<Module>::<name>`: the consumer name of an async observer. */
  id: string;
}

/**
 * Observers of the enabled modules in load order. As in Magento's events.xml, observers are identified by name per event:
 * a module may switch another module's observer off by name (`disable.observers`).
 */
export class ObserverRegistry {
  private readonly byEvent = new Map<string, { sync: RegisteredObserver[]; async: RegisteredObserver[] }>();
  private readonly asyncById = new Map<string, RegisteredObserver>();

  constructor(modules: LoadedModule[]) {
    const disabled = new Set(modules.flatMap((m) => m.manifest.disable?.observers ?? []));
    for (const mod of modules) {
      for (const observer of mod.manifest.observers ?? []) {
        if (disabled.has(observer.name)) continue;
        if (observer.transaction === false && !observer.async) {
          throw new KernelError(`Observer ${observer.name} of ${mod.manifest.name}: only async observers can run outside a transaction (transaction: false)`, 'OBSERVER_DECLARATION');
        }
        const entry = this.byEvent.get(observer.event) ?? { sync: [], async: [] };
        const registered: RegisteredObserver = { ...(observer as ObserverDeclaration), module: mod.manifest.name, id: `${mod.manifest.name}::${observer.name}` };
        if (observer.async) {
          entry.async.push(registered);
          this.asyncById.set(registered.id, registered);
        } else entry.sync.push(registered);
        this.byEvent.set(observer.event, entry);
      }
    }
  }

  syncObservers(event: string): RegisteredObserver[] {
    return this.byEvent.get(event)?.sync ?? [];
  }

  asyncObservers(event: string): RegisteredObserver[] {
    return this.byEvent.get(event)?.async ?? [];
  }

  /** Every async observer, by consumer name. */
  consumers(): RegisteredObserver[] {
    return [...this.asyncById.values()];
  }

  consumer(id: string): RegisteredObserver | undefined {
    return this.asyncById.get(id);
  }
}
