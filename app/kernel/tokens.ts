import type { Container } from 'inversify';
import { createToken } from '../di/token';
import type { Database } from '../db/database';
import type { Encryptor } from '../crypto/encryptor';
import type { PasswordHasher } from '../crypto/password-hasher';
import type { ConfigService } from '../config/config-service';
import type { EventBus } from '../event/event-bus';
import type { Logger } from '../log/logger';
import type { EnvConfig } from './env';
import type { ProjectPaths } from './paths';
import type { ScopeResolver } from '../config/scope-resolver';
import type { AdminAuthorizer } from '../http/admin-authorizer';
import type { LoadedModule } from '../module/manifest';
import type { Clock } from './clock';
import type { QueueTransport } from '../event/queue-transport';
import type { MailService } from '../mail/mail-service';
import type { MailTransport } from '../mail/mail-transport';

/** Services the kernel binds; modules may rebind the swappable ones (ScopeResolver, AdminAuthorizer, Clock) by preference. */
export const Kernel = {
  Container: createToken<Container>('Kernel.Container'),
  Env: createToken<EnvConfig>('Kernel.Env'),
  Paths: createToken<ProjectPaths>('Kernel.Paths'),
  Modules: createToken<LoadedModule[]>('Kernel.Modules'),
  Database: createToken<Database>('Kernel.Database'),
  Encryptor: createToken<Encryptor>('Kernel.Encryptor'),
  PasswordHasher: createToken<PasswordHasher>('Kernel.PasswordHasher'),
  Config: createToken<ConfigService>('Kernel.Config'),
  EventBus: createToken<EventBus>('Kernel.EventBus'),
  QueueTransport: createToken<QueueTransport>('Kernel.QueueTransport'),
  Logger: createToken<Logger>('Kernel.Logger'),
  ScopeResolver: createToken<ScopeResolver>('Kernel.ScopeResolver'),
  AdminAuthorizer: createToken<AdminAuthorizer>('Kernel.AdminAuthorizer'),
  Clock: createToken<Clock>('Kernel.Clock'),
  Mail: createToken<MailService>('Kernel.Mail'),
  MailTransport: createToken<MailTransport>('Kernel.MailTransport'),
} as const;
