import 'reflect-metadata';
import { boot } from '../../../kernel/boot';
import { ConsumerRunner } from '../../consumer-runner';
import { OutboxRelay } from '../../outbox-relay';
import { CONSUMER_A, FIXTURE_DIR, TEST_MODULES } from './queue-test-app';

/**
 * Run by the crash tests in a separate process (see spawn-queue-child.ts), on the parent's project root and database:
 * - `dispatch-then-crash <tag>`: dispatches test_queue_ping and SIGKILLs itself right after the commit, before its relay runs;
 * - `consume`: runs the record_a consumer (the parent sets TEST_QUEUE_DIE_AFTER_COMMIT so it dies before acking).
 */
async function main(): Promise<void> {
  const [mode, tag] = process.argv.slice(2);
  const root = process.env.QUEUE_CHILD_ROOT;
  const envJson = process.env.QUEUE_CHILD_ENV;
  if (!root || !envJson) throw new Error('QUEUE_CHILD_ROOT and QUEUE_CHILD_ENV must be set');
  const app = await boot({ root, env: JSON.parse(envJson), modules: TEST_MODULES, moduleDirs: [FIXTURE_DIR], packagesRoot: false });
  if (mode === 'dispatch-then-crash') {
    // Registered before the relay's own listener, so it runs first: the outbox row is committed and never published here.
    app.events.onOutboxCommitted(() => process.kill(process.pid, 'SIGKILL'));
    const relay = OutboxRelay.attach(app, { pollIntervalMs: 0 });
    await relay.flush();
    await app.db.transaction(async () => {
      await app.events.dispatch('test_queue_ping', { tag });
    });
    throw new Error('the process survived its commit');
  }
  if (mode === 'consume') {
    const processed = await new ConsumerRunner(app).run([CONSUMER_A], { stopWhenEmpty: true });
    await app.close();
    process.stdout.write(`processed ${processed}\n`);
    return;
  }
  throw new Error(`unknown mode ${mode}`);
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
