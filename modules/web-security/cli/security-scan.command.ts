import type { Command } from 'commander';
import type { CliContext, CommandDeclaration } from '../../../app';
import { createHttpApp } from '../../../app/http/http-app';
import { WebSecurityApi } from '../api/tokens';
import { formatScanReport } from '../scan/scan-report-format';

/** Exit code when anything is critical (1 stays "the command failed"), so CI and cron can tell the two apart. */
export const CRITICAL_EXIT_CODE = 2;

export function registerSecurityScan(program: Command, ctx: CliContext): void {
  program
    .command('security:scan')
    .description('Audits every scope and setting (URLs, TLS, headers, mode, keys, 2FA, introspection, rate limits, admin path); exit code 2 when anything is critical')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { json?: boolean }) => {
      const app = await ctx.boot();
      // The headers are probed on the HTTP app exactly as `serve` would build it.
      const report = await app.get(WebSecurityApi.SecurityScanner).scan({ httpHandler: createHttpApp(app) });
      if (opts.json) ctx.out(JSON.stringify(report, null, 2));
      else for (const line of formatScanReport(report)) ctx.out(line);
      if (report.critical) process.exitCode = CRITICAL_EXIT_CODE;
    });
}

export const securityScanCommand: CommandDeclaration = { name: 'security:scan', register: registerSecurityScan };
