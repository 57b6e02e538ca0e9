import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Command } from 'commander';
import { z } from 'zod';
import { Kernel, type CliContext, type CommandDeclaration } from '../../../app';
import { InputError } from '../../../app';
import type { Application } from '../../../app/kernel/application';
import { sandboxGatewaySecret } from '../payment/sandbox/sandbox-gateway';
import { createSandboxTokenizer } from '../payment/sandbox/sandbox-tokenizer';

const portSchema = z.coerce.number().int().min(0).max(65535);
const rateLimitSchema = z.coerce.number().int().min(1).max(100_000);

/**
 * Starts the sandbox's hosted-fields app beside the dev server, on its own port (the gateway's "domain"): storefronts post
 * test cards there and send Comptoir only the nonce. Developer mode only, as the sandbox gateway itself. `rateLimit`: requests
 * per minute per client IP (PAY-05; 30 when not given).
 */
export async function startSandboxTokenizer(app: Application, options: { port: number; host: string; rateLimit?: number }): Promise<{ server: Server; url: string }> {
  if (app.env.mode !== 'developer') throw new InputError('The sandbox card gateway runs in developer mode only.');
  const rateLimit = options.rateLimit === undefined ? {} : { limit: options.rateLimit, windowSeconds: 60 };
  const server = createSandboxTokenizer({ secret: sandboxGatewaySecret(app.get(Kernel.Encryptor)), rateLimit }).listen(options.port, options.host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://${options.host}:${port}/v1/nonces` };
}

export const sandboxTokenizerCommand: CommandDeclaration = {
  name: 'sales:sandbox:tokenizer',
  register(program: Command, ctx: CliContext) {
    program
      .command('sales:sandbox:tokenizer')
      .description('Runs the sandbox card gateway tokenizer (hosted fields stand-in) on its own port, developer mode only')
      .option('--port <port>', 'port to listen on', '8090')
      .option('--host <host>', 'interface to listen on', '127.0.0.1')
      .option('--rate-limit <n>', 'requests per minute per client IP (PAY-05)', '30')
      .action(async (options: { port: string; host: string; rateLimit: string }) => {
        const port = portSchema.safeParse(options.port);
        if (!port.success) throw new InputError('--port must be a port number');
        const rateLimit = rateLimitSchema.safeParse(options.rateLimit);
        if (!rateLimit.success) throw new InputError('--rate-limit must be a whole number of requests per minute, 1 or more');
        const app = await ctx.boot();
        const { url } = await startSandboxTokenizer(app, { port: port.data, host: options.host, rateLimit: rateLimit.data });
        ctx.out(`Sandbox tokenizer: POST ${url} {number, exp_month, exp_year, cvv} answers {nonce}; ${rateLimit.data} requests a minute per IP`);
      });
  },
};
