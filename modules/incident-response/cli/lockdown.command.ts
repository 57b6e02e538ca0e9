import type { Command } from 'commander';
import type { CliContext, CommandDeclaration } from '../../../app';
import { InputError } from '../../../app';
import { cliActor } from '../../security/api';
import { IncidentResponseApi } from '../api/tokens';

export function registerLockdown(program: Command, ctx: CliContext): void {
  program
    .command('security:lockdown <switch>')
    .description('IR-01: "on" revokes every token, refuses customer data, holds mail and rotates the encryption key; "off" reopens')
    .option('--reason <text>', 'why (required for "on"; goes to the audit trail)')
    .action(async (state: string, flags: { reason?: string }) => {
      if (state !== 'on' && state !== 'off' && state !== 'status') throw new InputError('Use security:lockdown on --reason "…", off, or status');
      const lockdown = (await ctx.boot()).get(IncidentResponseApi.Lockdown);
      if (state === 'status') {
        const s = await lockdown.state();
        ctx.out(s.active ? `Lockdown ON since ${s.startedAt} by ${s.startedBy}: ${s.reason}` : `Lockdown off${s.endedAt ? ` (last ended ${s.endedAt})` : ''}.`);
        return;
      }
      if (state === 'on') {
        if (!flags.reason?.trim()) throw new InputError('--reason is required: say why (it goes to the audit trail)');
        const r = await lockdown.activate(cliActor(), flags.reason, ctx.progress);
        ctx.out('Lockdown ON. Customer-data API calls are refused in every process (within a second).');
        ctx.out(`Revoked: every customer token, ${r.adminTokensRevoked} admin token(s); integration tokens: none exist yet.`);
        ctx.out('Outgoing mail is held (queued, not sent) until `security:lockdown off`.');
        ctx.out(`Encryption key version ${r.keyVersion} in use; re-encrypted: ${Object.entries(r.reencrypted).map(([c, n]) => `${c} ${n}`).join(', ')}.`);
        return;
      }
      const r = await lockdown.deactivate(cliActor());
      ctx.out(`Lockdown off. ${r.mailReleased} held mail(s) queued for sending.`);
    });
}

export const lockdownCommand: CommandDeclaration = { name: 'security:lockdown', register: registerLockdown };
