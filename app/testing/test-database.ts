import crypto from 'node:crypto';
import path from 'node:path';
import knexFactory from 'knex';
import { parseDbUrl, type DbSettings } from '../kernel/env';

/**
 * A throwaway database for one test: a SQLite file under the test's folder, or — when COMPTOIR_TEST_DB is a mysql:// URL
 * (the MariaDB run of CI) — a fresh database on that server, dropped afterwards.
 */
export async function createTestDatabase(dir: string): Promise<{ settings: DbSettings; drop: () => Promise<void> }> {
  const url = process.env.COMPTOIR_TEST_DB;
  if (!url || url.startsWith('sqlite')) {
    return { settings: { client: 'sqlite', filename: path.join(dir, 'var', 'test.sqlite') }, drop: async () => undefined };
  }
  const server = parseDbUrl(url);
  if (server.client !== 'mysql') throw new Error('COMPTOIR_TEST_DB must be a mysql:// URL');
  const name = `ct_${process.env.JEST_WORKER_ID ?? '0'}_${crypto.randomBytes(5).toString('hex')}`;
  const admin = knexFactory({ client: 'mysql2', connection: { host: server.host, port: server.port, user: server.user, password: server.password } });
  try {
    await admin.raw(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.destroy();
  }
  return {
    settings: { ...server, database: name },
    drop: async () => {
      const k = knexFactory({ client: 'mysql2', connection: { host: server.host, port: server.port, user: server.user, password: server.password } });
      try {
        await k.raw(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await k.destroy();
      }
    },
  };
}
