#!/usr/bin/env node
import 'reflect-metadata';
import { createProgress } from '../app/cli/progress';
import { runCli } from '../app/cli/program';
import { boot } from '../app/kernel/boot';
import { readEnv } from '../app/kernel/env';
import { projectPaths } from '../app/kernel/paths';
import { Migrator } from '../app/db/migrator';
import { connect } from '../app/db/database';
import { frameworkModule } from '../app/kernel/framework-module';
import { resolveModules } from '../app/kernel/boot';
import { installSampleData } from './sample-data';

/**
 * `npm start`: on a fresh machine, installs a sample store on embedded SQLite (var/), then serves it. Later starts upgrade the
 * schema when modules changed, then serve. Arguments are handed to `serve` (--https, --port, --host). The serve path refuses a
 * production start with invalid configuration and reports it loudly in developer mode (app/config/invalid-config-check.ts).
 */
async function main(): Promise<number> {
  const paths = projectPaths();
  const env = readEnv(paths.etc);
  if (!env) {
    process.stdout.write('First start: installing a sample store on embedded SQLite (var/comptoir.sqlite)…\n');
    const code = await runCli([
      'setup:install',
      '--base-url=https://localhost/',
      '--base-url-secure=https://localhost/',
      '--language=en_US',
      '--currency=USD',
      '--timezone=America/Chicago',
      '--use-secure=1',
      '--use-secure-admin=1',
    ]);
    if (code !== 0) return code;
    const app = await boot({ root: paths.root, requireUpToDate: true });
    try {
      await installSampleData(app, createProgress());
    } finally {
      await app.close();
    }
  } else {
    const database = await connect(env.db);
    const pending = await new Migrator(database).status([frameworkModule, ...resolveModules(paths)]).finally(() => database.close());
    if (pending.pending.length) {
      const code = await runCli(['setup:upgrade']);
      if (code !== 0) return code;
    }
  }
  // `npm start -- --https` (or COMPTOIR_DEV_HTTPS=1 npm start) serves https://localhost with a generated certificate.
  return runCli(['serve', ...process.argv.slice(2)]);
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  },
);
