import { inject, injectable } from 'inversify';
import type { Knex } from 'knex';
import { Kernel, type Database } from '../../../app';
import { CustomerTable } from '../api/customer-entities';
import type { AddressRow } from './customer-rows';

const T = CustomerTable.address;

@injectable()
export class AddressStore {
  constructor(@inject(Kernel.Database) private readonly db: Database) {}

  private table(): Knex.QueryBuilder {
    return this.db.conn()(T);
  }

  async find(id: number): Promise<AddressRow | undefined> {
    return (await this.table().where({ entity_id: id }).first()) as AddressRow | undefined;
  }

  /** The address only if it belongs to the customer: ownership is part of the lookup, not a check after it. */
  async findOwned(customerId: number, id: number): Promise<AddressRow | undefined> {
    return (await this.table().where({ entity_id: id, parent_id: customerId }).first()) as AddressRow | undefined;
  }

  async listByCustomer(customerId: number, page?: { limit: number; offset: number }): Promise<AddressRow[]> {
    const query = this.table().where({ parent_id: customerId }).orderBy('entity_id');
    if (page) query.limit(page.limit).offset(page.offset);
    return (await query) as AddressRow[];
  }

  async listByCustomers(customerIds: number[]): Promise<AddressRow[]> {
    if (!customerIds.length) return [];
    return (await this.table().whereIn('parent_id', customerIds).orderBy('entity_id')) as AddressRow[];
  }

  async countByCustomer(customerId: number): Promise<number> {
    const row = (await this.table().where({ parent_id: customerId }).count({ n: '*' }).first()) as { n: number | string } | undefined;
    return Number(row?.n ?? 0);
  }

  async insert(row: Omit<AddressRow, 'entity_id'>): Promise<number> {
    const [id] = await this.table().insert(row);
    return Number(id);
  }

  async update(id: number, patch: Partial<AddressRow>): Promise<void> {
    await this.table().where({ entity_id: id }).update(patch);
  }

  async delete(id: number): Promise<void> {
    await this.table().where({ entity_id: id }).delete();
  }
}
