/** Who did something, and from where: REST handlers, CLI commands and observers build one and hand it to services. */
export interface RequestActor {
  /** `admin` (an admin token), `customer`, `cli` (a shell on the server), `system` (consumers, cron), `anonymous` (no credentials yet). */
  type: 'admin' | 'customer' | 'cli' | 'system' | 'anonymous';
  id?: string | number | null;
  /** Username, email or OS user: what an investigator reads. */
  name?: string | null;
  ip?: string | null;
  channel: AuditChannel;
}

export type AuditChannel = 'rest' | 'graphql' | 'cli' | 'system';
export type AuditOutcome = 'success' | 'failure';

export interface AuditEntryInput {
  actor: RequestActor;
  /** What happened, snake_case and stable: `admin_login`, `admin_user_create`, `tfa_provider_reset`… */
  event: string;
  outcome: AuditOutcome;
  /** What the action touched: `{ type: 'admin_user', id: 3 }`. */
  resource?: { type: string; id?: string | number | null } | null;
  /**
   * Anything else worth keeping. Values under secret-looking keys (password, token, otp, secret, code…) are masked, strings that
   * look like tokens or card numbers too, and control characters are escaped (LOG-03).
   */
  details?: Record<string, unknown>;
}

/** One stored entry (LOG-02): actor, event type, UTC time, outcome, origin, resource, plus its place in the hash chain (LOG-04). */
export interface AuditRecord {
  id: number;
  /** ISO 8601, UTC. */
  createdAt: string;
  actorType: RequestActor['type'];
  actorId: string | null;
  actorName: string | null;
  event: string;
  outcome: AuditOutcome;
  ip: string | null;
  channel: AuditChannel;
  resourceType: string | null;
  resourceId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface AuditFilter {
  event?: string;
  actorType?: RequestActor['type'];
  actorId?: string | number;
  /** Exact user name or email the entry was written with. */
  actorName?: string;
  outcome?: AuditOutcome;
  resourceType?: string;
  resourceId?: string | number;
  /** ISO time, inclusive. */
  since?: string;
  /** ISO time, exclusive. */
  until?: string;
  /** Entries after this id (paging). */
  afterId?: number;
  /** At most 500; 100 by default. */
  limit?: number;
}

export interface AuditProblem {
  id: number;
  problem: string;
}

export interface AuditVerification {
  ok: boolean;
  /** Entries checked. */
  checked: number;
  /** The chain's last id and hash, to be noted somewhere else so a later verify can be compared with it. */
  headId: number;
  headHash: string;
  problems: AuditProblem[];
}

/**
 * The audit trail: append-only and hash-chained. Each entry stores sha256(previous hash + canonical entry) and a keyed MAC of
 * that hash, so a modified, inserted or deleted entry breaks the chain, and someone with database access but without the
 * installation's keys cannot rebuild it. There is deliberately no update or delete method.
 */
export interface AuditLog {
  /** Appends an entry; joins the caller's transaction, so it commits (or rolls back) with the change it describes. */
  record(entry: AuditEntryInput): Promise<AuditRecord>;
  /** Newest last. */
  list(filter?: AuditFilter): Promise<AuditRecord[]>;
  /** Walks the whole chain and reports every entry that was modified or deleted. */
  verify(): Promise<AuditVerification>;
  /**
   * Retention (LOG-04): drops the entries older than `before`, from the start of the chain only, re-anchoring it under the
   * installation key; audited. Returns how many entries were removed.
   */
  prune(before: Date, actor: RequestActor): Promise<number>;
}
