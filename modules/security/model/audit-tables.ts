export const AuditTable = {
  entry: 'security_audit_log',
  /** One row (id 1): the chain's last id and hash, with a keyed MAC, so deleting the newest entries is detected too. */
  head: 'security_audit_head',
} as const;

/** prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);
