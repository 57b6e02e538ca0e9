import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDbUrl, readEnv, redactUrl } from '../env';

describe('database URLs', () => {
  it('parses MySQL/MariaDB and SQLite URLs', () => {
    expect(parseDbUrl('mysql://shop:p%40ss@db.local:3307/comptoir')).toEqual({ client: 'mysql', host: 'db.local', port: 3307, database: 'comptoir', user: 'shop', password: 'p@ss' });
    expect(parseDbUrl('mariadb://root@127.0.0.1/test')).toMatchObject({ client: 'mysql', port: 3306, password: '' });
    expect(parseDbUrl('sqlite:var/x.sqlite', '/srv/shop')).toEqual({ client: 'sqlite', filename: '/srv/shop/var/x.sqlite' });
  });

  it('refuses bad URLs with a clear message that never shows the password', () => {
    expect(() => parseDbUrl('postgres://u:secret@h/db')).toThrow('Unsupported database URL scheme "postgres:"');
    expect(() => parseDbUrl('mysql://u:secret@h/')).toThrow(/needs a user, a host and a database name/);
    expect(() => parseDbUrl('not a url at all')).toThrow(/Invalid database URL/);
    try {
      parseDbUrl('mysql://u:secret@/db');
    } catch (err) {
      expect((err as Error).message).not.toContain('secret');
    }
    expect(redactUrl('mysql://u:secret@h/db')).toBe('mysql://u:***@h/db');
  });
});

describe('etc/env.json', () => {
  const etc = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-env-'));
  afterAll(() => fs.rmSync(etc, { recursive: true, force: true }));

  it('reports invalid JSON and invalid fields by name', () => {
    fs.writeFileSync(path.join(etc, 'env.json'), '{ nope');
    expect(() => readEnv(etc)).toThrow(/env.json is not valid JSON/);
    fs.writeFileSync(path.join(etc, 'env.json'), JSON.stringify({ mode: 'turbo', db: { client: 'sqlite', filename: 'x' }, crypt: { keys: ['k'] } }));
    expect(() => readEnv(etc)).toThrow(/env.json is invalid: mode:/);
  });

  it('lets environment variables override the file (COMPTOIR_DB_URL, COMPTOIR_MODE, PORT), and refuses bad ones', () => {
    fs.writeFileSync(path.join(etc, 'env.json'), JSON.stringify({ db: { client: 'sqlite', filename: 'var/a.sqlite' }, crypt: { keys: ['k'] } }));
    const saved = { ...process.env };
    try {
      process.env.PORT = '9999';
      process.env.COMPTOIR_MODE = 'production';
      process.env.COMPTOIR_DB_URL = 'mysql://u@h/db';
      const env = readEnv(etc)!;
      expect(env.http.port).toBe(9999);
      expect(env.mode).toBe('production');
      expect(env.db).toMatchObject({ client: 'mysql', database: 'db' });
      process.env.PORT = 'eighty';
      expect(() => readEnv(etc)).toThrow('PORT must be a port number, got "eighty"');
    } finally {
      process.env = saved;
    }
    expect(readEnv(etc)!.db).toEqual({ client: 'sqlite', filename: path.join(path.dirname(etc), 'var/a.sqlite') });
  });
});
