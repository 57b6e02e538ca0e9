import type { Command } from 'commander';
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
    .option('--no-consumers', 'do not run async-event consumers in this process (run queue:consumers:start elsewhere)')
    .action(async (opts: { port?: string; host?: string; consumers: boolean }) => {
      const app = await ctx.boot();
      const port = opts.port !== undefined ? Number(opts.port) : app.env.http.port;
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new KernelError(`--port must be a port number`, 'CLI_INVALID');
      const queue = QueueWorker.start(app, { consumers: opts.consumers ? undefined : false });
      const server = await startServer(app, { port, host: opts.host ?? app.env.http.host });
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
