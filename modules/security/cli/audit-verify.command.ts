import type { Command } from 'commander';
import type { CliContext, CommandDeclaration, ServiceLocator } from '../../../app';
import { SecurityApi } from '../api/tokens';

/** Prints the verdict; returns false when the chain is broken (the command then exits with code 2). */
export async function auditVerify(locator: ServiceLocator, out: (line: string) => void): Promise<boolean> {
  const result = await locator.get(SecurityApi.AuditLog).verify();
  if (result.ok) {
    out(`The audit trail is intact: ${result.checked} entr${result.checked === 1 ? 'y' : 'ies'} checked.`);
  } else {
    out(`The audit trail was tampered with: ${result.problems.length} problem(s) in ${result.checked} entries.`);
    for (const p of result.problems) out(`  entry ${p.id}: ${p.problem}`);
  }
  // Kept outside the database, this pair lets a later run prove nothing was cut from the end and the chain rebuilt.
  out(`Head: entry ${result.headId}, hash ${result.headHash}`);
  return result.ok;
}

export function registerAuditVerify(program: Command, ctx: CliContext): void {
  program
    .command('security:audit:verify')
    .description('Checks the hash chain of the audit trail and reports modified or deleted entries (exit code 2 when broken)')
    .action(async () => {
      const app = await ctx.boot();
      if (!(await auditVerify(app, ctx.out))) process.exitCode = 2;
    });
}

export const auditVerifyCommand: CommandDeclaration = { name: 'security:audit:verify', register: registerAuditVerify };
