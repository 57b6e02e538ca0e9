import type { Container } from 'inversify';
import type { ConfigService } from '../config/config-service';
import type { Database } from '../db/database';
import type { ServiceLocator } from '../di/service-locator';
import type { Token } from '../di/token';
import { asIdentifier } from '../di/token';
import type { EventBus } from '../event/event-bus';
import type { Logger } from '../log/logger';
import type { LoadedModule } from '../module/manifest';
import type { PluginList } from '../di/container-builder';
import type { EnvConfig } from './env';
import type { ProjectPaths } from './paths';
import { Kernel } from './tokens';

/** A booted Comptoir: the container with every enabled module wired in. HTTP, CLI and consumers all start from here. */
export class Application implements ServiceLocator {
  private readonly closers: Array<() => Promise<void> | void> = [];
  private closed = false;

  constructor(
    readonly container: Container,
    readonly env: EnvConfig,
    readonly paths: ProjectPaths,
    readonly modules: LoadedModule[],
    readonly plugins: PluginList,
  ) {}

  get<T>(token: Token<T>): T {
    return this.container.get<T>(asIdentifier(token));
  }

  get mode(): EnvConfig['mode'] {
    return this.env.mode;
  }

  get db(): Database {
    return this.get(Kernel.Database);
  }

  get config(): ConfigService {
    return this.get(Kernel.Config);
  }

  get events(): EventBus {
    return this.get(Kernel.EventBus);
  }

  get logger(): Logger {
    return this.get(Kernel.Logger);
  }

  hasModule(name: string): boolean {
    return this.modules.some((m) => m.manifest.name === name);
  }

  /** Registers cleanup to run on close(), last registered first. */
  onClose(closer: () => Promise<void> | void): void {
    this.closers.unshift(closer);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const closer of this.closers) {
      try {
        await closer();
      } catch (err) {
        this.logger.warn({ err }, 'error while closing');
      }
    }
  }
}
