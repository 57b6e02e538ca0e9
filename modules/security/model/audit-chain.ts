import crypto from 'node:crypto';

/** The stored columns that the hash covers, in a fixed order. */
export interface ChainedRow {
  id: number;
  created_at: string;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  event: string;
  outcome: string;
  ip: string | null;
  channel: string;
  resource_type: string | null;
  resource_id: string | null;
  details: string;
  prev_hash: string;
}

/**
 * The canonical form of an entry: a JSON array in a fixed column order, so the same entry always hashes the same way on
 * SQLite and MariaDB, whatever order a driver returns columns in.
 */
export function canonicalEntry(row: ChainedRow): string {
  return JSON.stringify([
    Number(row.id),
    row.created_at,
    row.actor_type,
    row.actor_id ?? null,
    row.actor_name ?? null,
    row.event,
    row.outcome,
    row.ip ?? null,
    row.channel,
    row.resource_type ?? null,
    row.resource_id ?? null,
    row.details,
  ]);
}

/** sha256(previous hash + canonical entry), hex. */
export function chainHash(prevHash: string, row: ChainedRow): string {
  return crypto.createHash('sha256').update(prevHash).update(canonicalEntry(row)).digest('hex');
}

/** What the head row's MAC covers: the last id and hash together, so neither can be rolled back alone. */
export function headMacInput(lastId: number, lastHash: string, anchorId: number, anchorHash: string): string {
  return `head:${lastId}:${lastHash}:${anchorId}:${anchorHash}`;
}
