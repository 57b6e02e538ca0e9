import { inject, injectable } from 'inversify';
import type { Knex } from 'knex';
import { Kernel, type Database } from '../../../app';
import { CustomerTable } from '../api/customer-entities';
import type { CustomerRow } from './customer-rows';

const T = CustomerTable.entity;

/** What a request's authentication needs from customer_entity: one primary-key lookup of a few small columns. */
export interface CustomerAuthRow {
  entity_id: number;
  website_id: number | null;
  group_id: number;
  token_version: number;
  is_active: boolean | number;
  lock_expires: number | string | null;
}

/** customer_entity through the ambient transaction (conn()), so callers' transactions include these reads and writes. */
@injectable()
export class CustomerStore {
  constructor(@inject(Kernel.Database) private readonly db: Database) {}

  private table(): Knex.QueryBuilder {
    return this.db.conn()(T);
  }

  async find(id: number): Promise<CustomerRow | undefined> {
    return (await this.table().where({ entity_id: id }).first()) as CustomerRow | undefined;
  }

  /** The row, locked for the rest of the transaction on MariaDB (SQLite serializes writers by itself). */
  async findForUpdate(id: number): Promise<CustomerRow | undefined> {
    const query = this.table().where({ entity_id: id });
    if (this.db.client === 'mysql') query.forUpdate();
    return (await query.first()) as CustomerRow | undefined;
  }

  async findByEmailHash(websiteId: number, emailHash: string): Promise<CustomerRow | undefined> {
    return (await this.table().where({ website_id: websiteId, email_hash: emailHash }).first()) as CustomerRow | undefined;
  }

  async findAuthRow(id: number): Promise<CustomerAuthRow | undefined> {
    return (await this.table()
      .select('entity_id', 'website_id', 'group_id', 'token_version', 'is_active', 'lock_expires')
      .where({ entity_id: id })
      .first()) as CustomerAuthRow | undefined;
  }

  async insert(row: Omit<CustomerRow, 'entity_id'>): Promise<number> {
    const [id] = await this.table().insert(row);
    return Number(id);
  }

  async update(id: number, patch: Partial<CustomerRow>): Promise<number> {
    return this.table().where({ entity_id: id }).update(patch);
  }

  /** Spends a reset token: the update only happens while the stored token is still the one presented (single use under races). */
  async updateIfResetToken(id: number, tokenHash: string, patch: Partial<CustomerRow>): Promise<boolean> {
    return (await this.table().where({ entity_id: id, rp_token_hash: tokenHash }).update(patch)) === 1;
  }

  async bumpTokenVersion(id: number): Promise<void> {
    await this.table().where({ entity_id: id }).increment('token_version', 1);
  }

  async bumpAllTokenVersions(): Promise<void> {
    await this.table().increment('token_version', 1);
  }

  async delete(id: number): Promise<number> {
    return this.table().where({ entity_id: id }).delete();
  }

  /** Clears a default address pointer wherever it names this address. */
  async clearDefaultAddress(customerId: number, addressId: number): Promise<void> {
    await this.table().where({ entity_id: customerId, default_billing: addressId }).update({ default_billing: null });
    await this.table().where({ entity_id: customerId, default_shipping: addressId }).update({ default_shipping: null });
  }

  query(): Knex.QueryBuilder {
    return this.table();
  }
}
