import crypto from 'node:crypto';
import path from 'node:path';
import type { EnvConfig } from '../../../kernel/env';
import { createTestApp, type TestApp } from '../../../testing/test-app';
import { TEST_LOG_TABLE } from '../fixtures/queue_test/module';

export const FIXTURE_DIR = path.join(__dirname, '..', 'fixtures');
export const TEST_MODULES = ['Test_Queue', 'Test_QueueLate'];
export const CONSUMER_A = 'Test_Queue::record_a';
export const CONSUMER_B = 'Test_Queue::record_b';
export const CONSUMER_FLAKY = 'Test_Queue::flaky';
export const CONSUMER_OUTSIDE = 'Test_Queue::outside';
export const AMQP_URL = process.env.COMPTOIR_TEST_AMQP ?? 'amqp://guest:guest@127.0.0.1:5672';

/** A test app with the queue fixture modules enabled, on SQLite or MariaDB per COMPTOIR_TEST_DB. */
export function createQueueTestApp(adjust?: (env: EnvConfig) => EnvConfig): Promise<TestApp> {
  return createTestApp({ moduleDirs: [FIXTURE_DIR], modules: TEST_MODULES, env: adjust });
}

export function uniqueTag(prefix = 't'): string {
  return `${prefix}-${crypto.randomBytes(6).toString('hex')}`;
}

/** Observers that recorded something for `tag`, in insertion order. */
export async function effects(app: TestApp, tag: string): Promise<string[]> {
  const rows: Array<{ observer: string }> = await app.db.knex(TEST_LOG_TABLE).where({ tag }).orderBy('id').select('observer');
  return rows.map((r) => r.observer);
}
