import { createToken } from '../../../app';
import type { AuditLog } from './audit-log';

export const SecurityApi = {
  AuditLog: createToken<AuditLog>('Comptoir_Security.AuditLog'),
} as const;
