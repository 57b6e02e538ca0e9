import type { Database } from '../db/database';
import type { EnvConfig } from '../kernel/env';
import { KernelError } from '../kernel/errors';
import type { Logger } from '../log/logger';
import type { QueueTransport } from './queue-transport';

/** The database queue by default; AMQP when etc/env.json `queue.amqp` (or COMPTOIR_AMQP_URL) is set. */
export function createQueueTransport(_env: EnvConfig, _db: Database, _logger: Logger): QueueTransport {
  throw new KernelError('Queue transports are being wired (see app/event)', 'QUEUE_UNAVAILABLE');
}
