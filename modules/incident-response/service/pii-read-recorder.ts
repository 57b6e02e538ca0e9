import { Kernel } from '../../../app';
import { SecurityApi, currentAuditScope } from '../../security/api';

export const RECORD_PII_READS_PATH = 'security/audit/record_pii_reads';

/**
 * LOG-01: one entry per customer whose personal data a request read (whose data went to whom, through which API, from
 * where), however many times the request touched it. Written before the data leaves: an entry that cannot be written fails
 * the read.
 */
export async function recordPiiRead(customerId: number, what: string): Promise<void> {
  const scope = currentAuditScope();
  if (!scope) return;
  const key = `customer:${customerId}`;
  if (scope.recorded.has(key)) return;
  scope.recorded.add(key);
  if (!(await scope.locator.get(Kernel.Config).get<boolean>(RECORD_PII_READS_PATH))) return;
  await scope.locator.get(SecurityApi.AuditLog).record({
    actor: scope.actor,
    event: 'customer_pii_read',
    outcome: 'success',
    resource: { type: 'customer', id: customerId },
    details: { data: what },
  });
}
