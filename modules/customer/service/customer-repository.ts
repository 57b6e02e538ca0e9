import { inject, injectable } from 'inversify';
import { Kernel, type Database } from '../../../app';
import { CustomerTable, type Customer, type CustomerAddress, type CustomerGroup } from '../api/customer-entities';
import type { CustomerRepository, CustomerSearchCriteria, CustomerSearchResult } from '../api/customer-repository';
import type { AddressStore } from '../model/address-store';
import { toAddress, toCustomer } from '../model/customer-mapper';
import { CustomerInternal } from '../model/customer-internal-tokens';
import type { CustomerRow } from '../model/customer-rows';
import type { CustomerStore } from '../model/customer-store';
import type { PiiCipher } from '../model/pii-cipher';
import { normalizeEmail } from './email-address';
import { applySearchCriteria } from './customer-search';

@injectable()
export class DbCustomerRepository implements CustomerRepository {
  private groups: Promise<CustomerGroup[]> | undefined;

  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(CustomerInternal.CustomerStore) private readonly customers: CustomerStore,
    @inject(CustomerInternal.AddressStore) private readonly addresses: AddressStore,
    @inject(CustomerInternal.Cipher) private readonly cipher: PiiCipher,
  ) {}

  async getById(id: number): Promise<Customer | undefined> {
    const row = await this.customers.find(id);
    return row && toCustomer(row, this.cipher);
  }

  async getByEmail(email: string, websiteId: number): Promise<Customer | undefined> {
    const row = await this.customers.findByEmailHash(websiteId, this.cipher.emailIndex(normalizeEmail(email)));
    return row && toCustomer(row, this.cipher);
  }

  async search(criteria: CustomerSearchCriteria): Promise<CustomerSearchResult> {
    const base = this.customers.query();
    applySearchCriteria(base, criteria.filterGroups, (email) => this.cipher.emailIndex(normalizeEmail(email)));
    const countRow = (await base.clone().clearOrder().count({ n: '*' }).first()) as { n: number | string } | undefined;
    const page = base.clone();
    for (const order of criteria.sortOrders) page.orderBy(columnOf(order.field), order.direction === 'DESC' ? 'desc' : 'asc');
    page.orderBy('entity_id', 'asc');
    const rows = (await page.limit(criteria.pageSize).offset((criteria.currentPage - 1) * criteria.pageSize)) as CustomerRow[];
    return { items: rows.map((row) => toCustomer(row, this.cipher)), totalCount: Number(countRow?.n ?? 0) };
  }

  async listAddresses(customerId: number): Promise<CustomerAddress[]> {
    const defaults = await this.defaultsOf(customerId);
    return (await this.addresses.listByCustomer(customerId)).map((row) => toAddress(row, defaults, this.cipher));
  }

  async listAddressesOf(customerIds: number[]): Promise<Map<number, CustomerAddress[]>> {
    const out = new Map<number, CustomerAddress[]>(customerIds.map((id) => [id, []]));
    if (!customerIds.length) return out;
    const defaults = new Map<number, { billing: number | null; shipping: number | null }>();
    const owners = (await this.customers.query().select('entity_id', 'default_billing', 'default_shipping').whereIn('entity_id', customerIds)) as Array<{
      entity_id: number;
      default_billing: number | null;
      default_shipping: number | null;
    }>;
    for (const o of owners) defaults.set(Number(o.entity_id), { billing: nullableNumber(o.default_billing), shipping: nullableNumber(o.default_shipping) });
    for (const row of await this.addresses.listByCustomers(customerIds)) {
      const owner = Number(row.parent_id);
      out.get(owner)?.push(toAddress(row, defaults.get(owner) ?? { billing: null, shipping: null }, this.cipher));
    }
    return out;
  }

  async pageAddresses(customerId: number, page: { pageSize: number; currentPage: number }): Promise<{ items: CustomerAddress[]; totalCount: number }> {
    const defaults = await this.defaultsOf(customerId);
    const rows = await this.addresses.listByCustomer(customerId, { limit: page.pageSize, offset: (page.currentPage - 1) * page.pageSize });
    return { items: rows.map((row) => toAddress(row, defaults, this.cipher)), totalCount: await this.addresses.countByCustomer(customerId) };
  }

  async getAddress(addressId: number): Promise<CustomerAddress | undefined> {
    const row = await this.addresses.find(addressId);
    return row && toAddress(row, await this.defaultsOf(row.parent_id), this.cipher);
  }

  async getCustomerAddress(customerId: number, addressId: number): Promise<CustomerAddress | undefined> {
    const row = await this.addresses.findOwned(customerId, addressId);
    return row && toAddress(row, await this.defaultsOf(customerId), this.cipher);
  }

  async listGroups(): Promise<CustomerGroup[]> {
    // Four rows that change only through migrations: read once per process.
    this.groups ??= this.db
      .conn()(CustomerTable.group)
      .select('customer_group_id', 'customer_group_code', 'tax_class_id')
      .orderBy('customer_group_id')
      .then((rows: Array<{ customer_group_id: number; customer_group_code: string; tax_class_id: number }>) =>
        rows.map((r) => ({ id: Number(r.customer_group_id), code: r.customer_group_code, taxClassId: Number(r.tax_class_id) })),
      );
    return this.groups;
  }

  private async defaultsOf(customerId: number): Promise<{ billing: number | null; shipping: number | null }> {
    const row = await this.customers.query().select('default_billing', 'default_shipping').where({ entity_id: customerId }).first();
    return { billing: nullableNumber(row?.default_billing), shipping: nullableNumber(row?.default_shipping) };
  }
}

function nullableNumber(value: number | string | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function columnOf(field: string): string {
  return field === 'id' ? 'entity_id' : field;
}
