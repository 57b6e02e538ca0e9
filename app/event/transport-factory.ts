import type { Database } from '../db/database';
import type { EnvConfig } from '../kernel/env';
import type { Logger } from '../log/logger';
import { AmqpQueueTransport } from './amqp-queue-transport';
import { DbQueueTransport } from './db-queue-transport';
import type { QueueTransport } from './queue-transport';

/** The database queue by default; AMQP when etc/env.json `queue.amqp` (or COMPTOIR_AMQP_URL) is set. */
export function createQueueTransport(env: EnvConfig, db: Database, logger: Logger): QueueTransport {
  const amqp = env.queue.amqp;
  if (amqp) return new AmqpQueueTransport({ url: amqp.url, exchange: amqp.exchange }, db, logger);
  return new DbQueueTransport(db, logger);
}
