import { Command, CommanderError } from 'commander';
import type { CliContext } from '../../cli/cli-context';
import { boot } from '../../kernel/boot';
import { KernelError } from '../../kernel/errors';
import { projectPaths } from '../../kernel/paths';
import type { TestApp } from '../../testing/test-app';
import { ConsumerLock } from '../consumer-lock';
import { registerQueueCommands } from '../queue-commands';
import { CONSUMER_A, CONSUMER_B, CONSUMER_FLAKY, CONSUMER_OUTSIDE, FIXTURE_DIR, TEST_MODULES, createQueueTestApp, effects, uniqueTag } from './support/queue-test-app';

/** The kernel's own consumer (queued mail) is always there. */
const MAIL_CONSUMER = 'Comptoir_Framework::kernel_send_mail';

describe('queue:consumers:* commands', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createQueueTestApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  /** Runs one command line the way bin/comptoir does, on its own booted application; returns what it printed. */
  async function run(args: string[], onLine?: (line: string) => void): Promise<string[]> {
    const lines: string[] = [];
    const ctx: CliContext = {
      paths: projectPaths(app.root),
      boot: () => boot({ root: app.root, env: app.env, modules: TEST_MODULES, moduleDirs: [FIXTURE_DIR], packagesRoot: false }),
      out: (line) => {
        lines.push(line);
        onLine?.(line);
      },
      progress: () => undefined,
    };
    const program = new Command('comptoir').exitOverride().configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
    registerQueueCommands(program, ctx);
    program.commands.forEach((c) => c.exitOverride());
    await program.parseAsync(args, { from: 'user' });
    return lines;
  }

  it('lists one consumer per async observer', async () => {
    expect(await run(['queue:consumers:list'])).toEqual([MAIL_CONSUMER, CONSUMER_A, CONSUMER_B, CONSUMER_FLAKY, CONSUMER_OUTSIDE]);
  });

  it('runs every consumer until the queue is empty, publishing what the outbox still holds', async () => {
    const tag = uniqueTag('cli');
    // Dispatched with no relay running in this process: the command's relay must publish it first.
    await app.events.dispatch('test_queue_ping', { tag });
    const lines = await run(['queue:consumers:start', '--stop-when-empty']);
    expect(lines).toEqual([`Consuming ${MAIL_CONSUMER}, ${CONSUMER_A}, ${CONSUMER_B}, ${CONSUMER_FLAKY}, ${CONSUMER_OUTSIDE} (db queue)`, 'Processed 2 message(s).']);
    expect((await effects(app, tag)).sort()).toEqual(['record_a', 'record_b']);
  });

  it('runs only the named consumers and honours --max-messages', async () => {
    const tags = [uniqueTag('max'), uniqueTag('max')];
    for (const tag of tags) await app.events.dispatch('test_queue_ping', { tag });
    const lines = await run(['queue:consumers:start', CONSUMER_B, '--max-messages', '1']);
    expect(lines.at(-1)).toBe('Processed 1 message(s).');
    expect(await effects(app, tags[0])).toEqual(['record_b']);
    expect(await effects(app, tags[1])).toEqual([]);
    await run(['queue:consumers:start', '--stop-when-empty']);
    expect(await effects(app, tags[1])).toEqual(['record_a', 'record_b'].sort());
  });

  it('fails clearly on an unknown consumer name', async () => {
    const failure = run(['queue:consumers:start', 'Test_Queue::missing', '--stop-when-empty']);
    await expect(failure).rejects.toThrow(KernelError);
    await expect(run(['queue:consumers:start', 'Test_Queue::missing'])).rejects.toThrow(/Unknown consumer\(s\): Test_Queue::missing\. Known consumers: Comptoir_Framework::kernel_send_mail, Test_Queue::record_a/);
  });

  it('rejects a --max-messages that is not a whole number', async () => {
    await expect(run(['queue:consumers:start', '--max-messages', 'lots'])).rejects.toBeInstanceOf(CommanderError);
  });

  it('refuses --single-thread while another process runs the consumer, and allows it once released', async () => {
    const held = await ConsumerLock.acquire(app.db, app.logger, [CONSUMER_A]);
    try {
      await expect(run(['queue:consumers:start', CONSUMER_A, '--single-thread', '--stop-when-empty'])).rejects.toThrow(
        `Consumer ${CONSUMER_A} is already running in another process (--single-thread)`,
      );
    } finally {
      await held.release();
    }
    expect((await run(['queue:consumers:start', CONSUMER_A, '--single-thread', '--stop-when-empty'])).at(-1)).toMatch(/^Processed \d+ message\(s\)\.$/);
    // The lock went with the command.
    const again = await ConsumerLock.acquire(app.db, app.logger, [CONSUMER_A]);
    await again.release();
  });

  it('stops cleanly on SIGTERM, finishing with a report', async () => {
    const listenersBefore = process.listenerCount('SIGTERM');
    const lines = await run(['queue:consumers:start', CONSUMER_A], (line) => {
      if (line.startsWith('Consuming')) setTimeout(() => process.emit('SIGTERM', 'SIGTERM'), 50);
    });
    expect(lines.slice(1)).toEqual(['Received SIGTERM: finishing the current message, then stopping.', 'Processed 0 message(s).']);
    expect(process.listenerCount('SIGTERM')).toBe(listenersBefore);
  });
});
