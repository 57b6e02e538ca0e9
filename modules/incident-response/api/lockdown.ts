import type { RequestActor } from '../../security/api';

export interface LockdownState {
  active: boolean;
  reason: string | null;
  /** ISO UTC times. */
  startedAt: string | null;
  endedAt: string | null;
  /** Who turned it on, as the audit trail names them. */
  startedBy: string | null;
}

export interface LockdownReport {
  customerTokensRevoked: boolean;
  adminTokensRevoked: number;
  /** Integration tokens do not exist yet: nothing to revoke. */
  integrationTokensRevoked: 0;
  mailHeld: boolean;
  keyVersion: number;
  reencrypted: Record<string, number>;
}

/**
 * IR-01: one switch for a customer-data leak. `activate` refuses customer-data calls in every process (the state is a
 * database row, read at most once a second per process), revokes every customer and admin token, holds outgoing mail, and
 * rotates the encryption key, re-encrypting stored secrets and personal data. `deactivate` reopens customer data and sends
 * the held mail. Both are audited.
 */
export interface Lockdown {
  state(): Promise<LockdownState>;
  /** Cheap per-request check: a cached read, at most ~1 s stale in other processes, exact in this one. */
  isActive(): Promise<boolean>;
  activate(actor: RequestActor, reason: string, progress?: (label: string, done: number, total: number) => void): Promise<LockdownReport>;
  deactivate(actor: RequestActor): Promise<{ mailReleased: number }>;
}

/** The message customer-data calls get while a lockdown is on. */
export const LOCKDOWN_MESSAGE = 'Customer accounts are temporarily unavailable for security maintenance. Please try again later.';
