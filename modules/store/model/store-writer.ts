import { inject, injectable } from 'inversify';
import { Kernel, type Database } from '../../../app';
import { StoreTable } from '../api/store-entities';

/** Inserts and updates on the store tables. Always through `conn()`, so the writes join the caller's transaction. */
@injectable()
export class StoreWriter {
  constructor(@inject(Kernel.Database) private readonly db: Database) {}

  async insertWebsite(row: { code: string; name: string; sort_order: number }): Promise<number> {
    const [id] = await this.db.conn()(StoreTable.website).insert({ ...row, default_group_id: 0, is_default: false });
    return Number(id);
  }

  async insertGroup(row: { website_id: number; code: string; name: string; root_category_id: number }): Promise<number> {
    const [id] = await this.db.conn()(StoreTable.group).insert({ ...row, default_store_id: 0 });
    return Number(id);
  }

  async insertStore(row: { code: string; website_id: number; group_id: number; name: string; sort_order: number; is_active: boolean }): Promise<number> {
    const [id] = await this.db.conn()(StoreTable.store).insert(row);
    return Number(id);
  }

  async setWebsiteDefaultGroup(websiteId: number, groupId: number): Promise<void> {
    await this.db.conn()(StoreTable.website).where({ website_id: websiteId }).update({ default_group_id: groupId });
  }

  async setGroupDefaultStore(groupId: number, storeId: number): Promise<void> {
    await this.db.conn()(StoreTable.group).where({ group_id: groupId }).update({ default_store_id: storeId });
  }

  async setStoreActive(storeId: number, active: boolean): Promise<void> {
    await this.db.conn()(StoreTable.store).where({ store_id: storeId }).update({ is_active: active });
  }
}
