import { InvalidArgumentError, type Command } from 'commander';
import type { CliContext } from '../cli/cli-context';
import { Kernel } from '../kernel/tokens';
import { ConsumerLock } from './consumer-lock';
import { ConsumerRunner } from './consumer-runner';
import { OutboxRelay } from './outbox-relay';
import { cleanQueueTables } from './queue-housekeeping';
import { DEFAULT_QUEUE_RETENTION_DAYS } from './queue-worker';

interface StartOptions {
  maxMessages?: number;
  singleThread?: boolean;
  stopWhenEmpty?: boolean;
}

/** `queue:consumers:list` and `queue:consumers:start`, with Magento's names and options, and `queue:clean`. */
export function registerQueueCommands(program: Command, ctx: CliContext): void {
  program
    .command('queue:clean')
    .description('Delete published outbox rows, completed queue messages and processed-message records older than the retention (servers also do it hourly)')
    .option('--days <n>', 'retention in days (default: etc/env.json queue.retentionDays, else 7)', parseDays)
    .action(async (options: { days?: number }) => {
      const app = await ctx.boot();
      try {
        const days = options.days ?? app.env.queue.retentionDays ?? DEFAULT_QUEUE_RETENTION_DAYS;
        const labels = { outbox: 'published outbox rows', messages: 'completed queue messages', processed: 'processed-message records' };
        const cleaned = await cleanQueueTables(app.db.knex, new Date(Date.now() - days * 86_400_000), (part, deleted, total) => ctx.progress(`Deleting ${labels[part]}`, deleted, total));
        ctx.out(`Deleted ${cleaned.outbox} ${labels.outbox}, ${cleaned.messages} ${labels.messages}, ${cleaned.processed} ${labels.processed} older than ${days} day(s).`);
      } finally {
        await app.close();
      }
    });

  program
    .command('queue:consumers:list')
    .description('List the queue consumers: one per async observer, named <Module>::<observer>')
    .action(async () => {
      const app = await ctx.boot();
      try {
        const consumers = new ConsumerRunner(app).consumers();
        if (!consumers.length) ctx.out('No consumers: no enabled module declares an async observer.');
        for (const consumer of consumers) ctx.out(consumer.id);
      } finally {
        await app.close();
      }
    });

  program
    .command('queue:consumers:start')
    .description('Run queue consumers (every consumer when none is named) until stopped by SIGINT/SIGTERM or the options')
    .argument('[consumers...]', 'consumer names, as printed by queue:consumers:list')
    .option('--max-messages <n>', 'stop after processing this many messages (0: no limit)', parseMessageCount)
    .option('--single-thread', 'refuse to start if another process already runs one of these consumers')
    .option('--stop-when-empty', 'stop once no message is waiting instead of waiting for more')
    .action(async (names: string[], options: StartOptions) => {
      const app = await ctx.boot();
      const controller = new AbortController();
      const stop = (signal: NodeJS.Signals) => {
        if (controller.signal.aborted) return;
        ctx.out(`Received ${signal}: finishing the current message, then stopping.`);
        controller.abort();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      let lock: ConsumerLock | undefined;
      try {
        const runner = new ConsumerRunner(app);
        const consumers = runner.resolve(names);
        if (!consumers.length) {
          ctx.out('No consumers: no enabled module declares an async observer.');
          return;
        }
        const ids = consumers.map((c) => c.id);
        if (options.singleThread) lock = await ConsumerLock.acquire(app.db, app.logger, ids, { onLost: () => controller.abort() });
        // Consumers also relay: events left in the outbox by a crashed process get published (before consuming, so that
        // --stop-when-empty sees them), and so do events that async observers dispatch themselves.
        await OutboxRelay.attach(app).flush();
        ctx.out(`Consuming ${ids.join(', ')} (${app.get(Kernel.QueueTransport).name} queue)`);
        const processed = await runner.run(ids, { maxMessages: options.maxMessages, stopWhenEmpty: options.stopWhenEmpty, signal: controller.signal });
        ctx.out(`Processed ${processed} message(s).`);
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        await lock?.release().catch(() => undefined);
        await app.close();
      }
    });
}

function parseMessageCount(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(count)) throw new InvalidArgumentError('must be a whole number (0 for no limit)');
  return count;
}

function parseDays(value: string): number {
  const days = Number(value);
  if (!/^\d+$/.test(value) || days < 1 || days > 3650) throw new InvalidArgumentError('expected a whole number of days, 1 to 3650');
  return days;
}
