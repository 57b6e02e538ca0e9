import type { Command } from 'commander';
import { ensureDevCertificate } from '../../http/dev-certificate';
import { startServer } from '../../http/server';
import { QueueWorker } from '../../event/queue-worker';
import { KernelError } from '../../kernel/errors';
import type { CliContext } from '../cli-context';

export function registerServeCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('Serves GraphQL (/graphql) and REST (/rest/V1) until interrupted; PORT overrides the port')
    .option('--port <port>', 'port to listen on')
    .option('--host <host>', 'address to listen on')
    .option('--https', 'developer mode: serve https://localhost with a self-signed certificate generated once under var/tls/ (or set COMPTOIR_DEV_HTTPS=1)')
    .option('--no-consumers', 'do not run async-event consumers in this process (run queue:consumers:start elsewhere)')
    .action(async (opts: { port?: string; host?: string; https?: boolean; consumers: boolean }) => {
      const app = await ctx.boot();
      const port = opts.port !== undefined ? Number(opts.port) : app.env.http.port;
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new KernelError(`--port must be a port number`, 'CLI_INVALID');
      const devHttps = opts.https || process.env.COMPTOIR_DEV_HTTPS === '1';
      let tls: { cert: string; key: string } | undefined;
      if (devHttps && !app.env.http.tls) {
        if (app.mode !== 'developer') {
          throw new KernelError('--https (COMPTOIR_DEV_HTTPS) serves a self-signed certificate and is for developer mode only: set etc/env.json http.tls to a real certificate and key', 'CLI_INVALID');
        }
        const cert = await ensureDevCertificate(app.paths);
        ctx.out(`${cert.generated ? 'Generated' : 'Using'} the self-signed developer certificate ${cert.cert} (trust it once, e.g. curl --cacert ${cert.cert})`);
        tls = { cert: cert.cert, key: cert.key };
      }
      // SQLite: WAL checkpoints on a worker thread rather than inside the COMMITs of requests (see Database.checkpointInBackground).
      await app.db.checkpointInBackground({ onError: (message) => app.logger.warn({ message }, 'background WAL checkpoint failed') });
      const queue = QueueWorker.start(app, { consumers: opts.consumers ? undefined : false });
      let server;
      try {
        server = await startServer(app, { port, host: opts.host ?? app.env.http.host, tls });
      } catch (err) {
        await queue.stop();
        throw err;
      }
      ctx.out(`Comptoir (${app.mode} mode) is serving GraphQL at ${server.url}graphql`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      ctx.out('Shutting down…');
      await server.close();
      await queue.stop();
    });
}
