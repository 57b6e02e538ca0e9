import 'reflect-metadata';
import { boot } from '../../../app/kernel/boot';
import { startServer } from '../../../app/http/server';

/**
 * A real second server process for the lockdown test: boots from the project folder the parent installed (etc/env.json and
 * etc/config.json, as `comptoir serve` does) and prints `LISTENING <port>`.
 */
async function main(): Promise<void> {
  const app = await boot({ root: process.env.COMPTOIR_ROOT, requireUpToDate: true });
  const server = await startServer(app, { port: 0, host: '127.0.0.1' });
  process.stdout.write(`LISTENING ${new URL(server.url).port}\n`);
  process.on('SIGTERM', () => void server.close().then(() => app.close()).finally(() => process.exit(0)));
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
