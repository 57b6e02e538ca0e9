import type { Command } from 'commander';
import { Kernel, type CliContext, type CommandDeclaration, type ServiceLocator } from '../../../app';
import { InputError } from '../../../app';
import { cliActor } from '../api/request-actor';
import { SecurityApi } from '../api/tokens';

export const RETENTION_PATH = 'security/audit/retention_months';

/** Removes the entries older than the retention period (security/audit/retention_months, 12 by default) or `months`. */
export async function auditPrune(locator: ServiceLocator, months: number | undefined, out: (line: string) => void): Promise<number> {
  const keep = months ?? Number(await locator.get(Kernel.Config).get(RETENTION_PATH));
  if (!Number.isInteger(keep) || keep < 1) throw new InputError('--months must be a whole number of months, at least 1');
  const before = locator.get(Kernel.Clock).now();
  before.setUTCMonth(before.getUTCMonth() - keep);
  const removed = await locator.get(SecurityApi.AuditLog).prune(before, cliActor());
  out(`Removed ${removed} audit entr${removed === 1 ? 'y' : 'ies'} older than ${before.toISOString()} (${keep} months).`);
  return removed;
}

export function registerAuditPrune(program: Command, ctx: CliContext): void {
  program
    .command('security:audit:prune')
    .description('Removes audit entries older than the retention period; the hash chain stays verifiable')
    .option('--months <n>', 'keep this many months (default: security/audit/retention_months)')
    .action(async (flags: { months?: string }) => {
      const months = flags.months === undefined ? undefined : Number(flags.months);
      await auditPrune(await ctx.boot(), months, ctx.out);
    });
}

export const auditPruneCommand: CommandDeclaration = { name: 'security:audit:prune', register: registerAuditPrune };
