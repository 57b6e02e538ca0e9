import { inject, injectable } from 'inversify';
import { Kernel, type Database } from '../../../app';
import { CustomerTable } from '../api/customer-entities';

const T = CustomerTable.resetRequest;
const ONE_HOUR = 3_600_000;

/** Magento_Security's password_reset_request_event: who asked for a reset, and when (references are HMACs). */
@injectable()
export class ResetRequestStore {
  constructor(@inject(Kernel.Database) private readonly db: Database) {}

  /** Requests since `since` matching any of the given references (Magento's "by IP or email" filter when both are given). */
  async countSince(since: number, match: { account?: string; ip?: string }): Promise<{ count: number; latest: number | null }> {
    const query = this.db
      .conn()(T)
      .where('created_at', '>=', since)
      .where((q) => {
        if (match.account) q.orWhere('account_reference', match.account);
        if (match.ip) q.orWhere('ip_reference', match.ip);
      });
    const row = (await query.count({ n: '*' }).max({ latest: 'created_at' }).first()) as { n: number | string; latest: number | string | null } | undefined;
    return { count: Number(row?.n ?? 0), latest: row?.latest === null || row?.latest === undefined ? null : Number(row.latest) };
  }

  async record(account: string, ip: string, at: number): Promise<void> {
    await this.db.conn()(T).insert({ account_reference: account, ip_reference: ip, created_at: at });
    // Only the last hour matters to the checks: older rows are dropped as new ones arrive.
    await this.db.conn()(T).where('created_at', '<', at - ONE_HOUR).delete();
  }
}
