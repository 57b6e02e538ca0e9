import { SEVERITIES, type SecurityScanReport } from '../api/security-scan';

/** The report as the CLI prints it: a summary line, then one block per finding, most severe first. */
export function formatScanReport(report: SecurityScanReport): string[] {
  const summary = SEVERITIES.map((s) => `${report.counts[s]} ${s}`).join(', ');
  const lines = [`Security scan (${report.mode} mode, ${report.scannedAt}): ${summary}`];
  if (!report.findings.length) lines.push('No finding.');
  for (const f of report.findings) {
    const tags = [f.severity.toUpperCase().padEnd(8), f.requirement ?? '', f.check].filter(Boolean).join('  ');
    lines.push('', `${tags}`, `  ${f.message}`);
    if (f.where) lines.push(`  where: ${f.where}`);
    if (f.fix) lines.push(`  fix:   ${f.fix}`);
  }
  lines.push('', report.critical ? 'Critical findings: exit code 2.' : 'No critical finding.');
  return lines;
}
