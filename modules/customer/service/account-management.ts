import { inject, injectable } from 'inversify';
import { Kernel, type Clock, type Database, type EventBus, type ScopeResolver } from '../../../app';
import type { PasswordHasher } from '../../../app/crypto/password-hasher';
import { AlreadyExistsError, InputError, NoSuchEntityError } from '../../../app';
import { isDuplicateKeyError } from '../../../app/event/duplicate-key';
import type {
  AdminCustomerChanges,
  CreateCustomerInput,
  CreateCustomerOptions,
  CustomerAccountInput,
  CustomerAccountManagement,
  CustomerPersonalInput,
} from '../api/customer-account';
import { CustomerConfigPath as P } from '../api/customer-config-paths';
import { CustomerTable, type Customer } from '../api/customer-entities';
import type { CustomerRepository } from '../api/customer-repository';
import { CustomerApi } from '../api/tokens';
import { CustomerInternal } from '../model/customer-internal-tokens';
import type { CustomerRow } from '../model/customer-rows';
import type { CustomerStore } from '../model/customer-store';
import type { PiiCipher } from '../model/pii-cipher';
import type { CustomerAuthenticator } from './customer-authenticator';
import { cleanPersonalInput, type CleanPersonalFields } from './customer-input';
import type { CustomerSettings } from './customer-settings';
import { isValidEmail, normalizeEmail } from './email-address';
import type { PasswordPolicy } from './password-policy';
import type { CustomerMailer } from './customer-mailer';

export const DUPLICATE_EMAIL = 'A customer with the same email address already exists in an associated website.';
const C = CustomerTable.entity;

export function noSuchCustomer(id: number): NoSuchEntityError {
  return new NoSuchEntityError(`No such entity with customerId = ${id}`);
}

@injectable()
export class DefaultAccountManagement implements CustomerAccountManagement {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.EventBus) private readonly events: EventBus,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(Kernel.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(Kernel.ScopeResolver) private readonly scopes: ScopeResolver,
    @inject(CustomerInternal.CustomerStore) private readonly customers: CustomerStore,
    @inject(CustomerInternal.Cipher) private readonly cipher: PiiCipher,
    @inject(CustomerInternal.Settings) private readonly settings: CustomerSettings,
    @inject(CustomerInternal.PasswordPolicy) private readonly policy: PasswordPolicy,
    @inject(CustomerInternal.Authenticator) private readonly authenticator: CustomerAuthenticator,
    @inject(CustomerApi.CustomerRepository) private readonly repository: CustomerRepository,
    @inject(CustomerInternal.Mailer) private readonly mailer: CustomerMailer,
  ) {}

  async createAccount(input: CreateCustomerInput, options: CreateCustomerOptions): Promise<Customer> {
    const store = await this.scopes.getStoreById(options.storeId);
    if (!store || store.storeId === 0) throw new NoSuchEntityError('Requested store is not found');
    const websiteId = store.websiteId;
    const email = this.cleanEmail(input.email);
    const personal = cleanPersonalInput(input, { requireNames: true, today: this.clock.now() });
    const password = input.password ?? '';
    if (password !== '') await this.policy.check(password, { email, websiteId });
    const groupId = options.groupId ?? (await this.settings.get<number>(P.DefaultGroup, websiteId));
    await this.assertGroup(groupId);
    // The hash is computed before the transaction: nothing holds a lock during the slow part.
    const passwordHash = password !== '' ? await this.hasher.hash(password) : null;
    const emailHash = this.cipher.emailIndex(normalizeEmail(email));
    const now = this.clock.now().getTime();
    let id: number;
    try {
      id = await this.db.transaction(async () => {
        if (await this.customers.findByEmailHash(websiteId, emailHash)) throw new AlreadyExistsError(DUPLICATE_EMAIL);
        const newId = await this.customers.insert({
          website_id: websiteId,
          store_id: store.storeId,
          group_id: groupId,
          email_hash: emailHash,
          email: this.cipher.seal(C, 'email', email)!,
          ...this.sealPersonal(personal),
          firstname: this.cipher.seal(C, 'firstname', personal.firstname)!,
          lastname: this.cipher.seal(C, 'lastname', personal.lastname)!,
          gender: personal.gender ?? null,
          password_hash: passwordHash,
          is_active: true,
          is_subscribed: personal.isSubscribed ?? false,
          default_billing: null,
          default_shipping: null,
          failures_num: 0,
          first_failure: null,
          lock_expires: null,
          rp_token_hash: null,
          rp_token_created_at: null,
          token_version: 0,
          created_at: now,
          updated_at: now,
        } as Omit<CustomerRow, 'entity_id'>);
        await this.events.dispatch('customer_save_after', { customerId: newId, websiteId, isNew: true, changed: [] });
        await this.events.dispatch('customer_register_success', { customerId: newId, websiteId, storeId: store.storeId, source: options.source });
        return newId;
      });
    } catch (err) {
      // Two sign-ups with one email raced past the check: the unique (website_id, email_hash) key decided.
      if (isDuplicateKeyError(err)) throw new AlreadyExistsError(DUPLICATE_EMAIL);
      throw err;
    }
    return this.load(id);
  }

  async updatePersonalData(customerId: number, input: CustomerPersonalInput): Promise<Customer> {
    const row = await this.customers.find(customerId);
    if (!row) throw noSuchCustomer(customerId);
    const personal = cleanPersonalInput(input, { requireNames: false, today: this.clock.now() });
    await this.save(row, this.personalPatch(personal), Object.keys(personal).map(fieldName));
    return this.load(customerId);
  }

  async updateAccount(customerId: number, input: CustomerAccountInput): Promise<Customer> {
    const row = await this.customers.find(customerId);
    if (!row) throw noSuchCustomer(customerId);
    const previous = this.cipher.open(C, 'email', row.email)!;
    // Magento's updateCustomer compares the email as given: the same address changes nothing and needs no password.
    const email = input.email == null || input.email === previous ? undefined : this.cleanEmail(input.email);
    if (email === undefined) return this.updatePersonalData(customerId, input);
    const personal = cleanPersonalInput(input, { requireNames: false, today: this.clock.now() });
    if (!input.password) throw new InputError('Provide the current "password" to change "email".');
    const checked = await this.authenticator.verifyPassword(customerId, input.password);
    const patch = { ...this.personalPatch(personal), ...(await this.emailPatch(checked, email)) };
    await this.save(checked, patch, [...Object.keys(personal).map(fieldName), 'email'], async () => {
      if (normalizeEmail(previous) !== normalizeEmail(email)) await this.mailer.queueEmailChanged(previous, checked);
    });
    return this.load(customerId);
  }

  async changeEmail(customerId: number, email: string, password: string): Promise<Customer> {
    const clean = this.cleanEmail(email);
    if (!password) throw new InputError('Provide the current "password" to change "email".');
    const row = await this.authenticator.verifyPassword(customerId, password);
    const previous = this.cipher.open(C, 'email', row.email)!;
    await this.save(row, await this.emailPatch(row, clean), ['email'], async () => {
      if (normalizeEmail(previous) !== normalizeEmail(clean)) await this.mailer.queueEmailChanged(previous, row);
    });
    return this.load(customerId);
  }

  async changePassword(customerId: number, currentPassword: string, newPassword: string): Promise<Customer> {
    if (!currentPassword?.trim()) throw new InputError('Specify the "currentPassword" value.');
    if (!newPassword?.trim()) throw new InputError('Specify the "newPassword" value.');
    const row = await this.authenticator.verifyPassword(customerId, currentPassword);
    const websiteId = Number(row.website_id ?? 0);
    await this.policy.check(newPassword, { email: this.cipher.open(C, 'email', row.email)!, websiteId });
    const passwordHash = await this.hasher.hash(newPassword);
    await this.db.transaction(async () => {
      await this.customers.update(customerId, { password_hash: passwordHash, rp_token_hash: null, rp_token_created_at: null, updated_at: this.clock.now().getTime() });
      await this.customers.bumpTokenVersion(customerId);
      await this.events.dispatch('customer_password_changed', { customerId, reason: 'change' });
    });
    return this.load(customerId);
  }

  async adminUpdate(customerId: number, changes: AdminCustomerChanges): Promise<Customer> {
    const row = await this.customers.find(customerId);
    if (!row) throw noSuchCustomer(customerId);
    const personal = cleanPersonalInput(changes, { requireNames: false, today: this.clock.now() });
    const patch = this.personalPatch(personal);
    const changed = Object.keys(personal).map(fieldName);
    if (changes.email !== undefined) {
      Object.assign(patch, await this.emailPatch(row, this.cleanEmail(changes.email)));
      changed.push('email');
    }
    if (changes.groupId !== undefined) {
      await this.assertGroup(changes.groupId);
      patch.group_id = changes.groupId;
      changed.push('group_id');
    }
    const deactivated = changes.isActive === false;
    if (changes.isActive !== undefined) {
      patch.is_active = changes.isActive;
      changed.push('is_active');
    }
    await this.save(row, patch, changed, async () => {
      // A deactivated account loses its sessions at once, in every process.
      if (deactivated) await this.customers.bumpTokenVersion(customerId);
    });
    return this.load(customerId);
  }

  async deleteAccount(customerId: number): Promise<void> {
    await this.db.transaction(async () => {
      const row = await this.customers.find(customerId);
      if (!row) throw noSuchCustomer(customerId);
      await this.customers.delete(customerId);
      await this.events.dispatch('customer_delete_after', { customerId, websiteId: Number(row.website_id ?? 0) });
    });
  }

  async emailExists(email: string, websiteId: number): Promise<boolean> {
    return !!(await this.customers.findByEmailHash(websiteId, this.cipher.emailIndex(normalizeEmail(email))));
  }

  private cleanEmail(email: string | null | undefined): string {
    const value = (email ?? '').trim();
    if (!value) throw new InputError('Required parameters are missing: Email');
    if (!isValidEmail(value)) throw new InputError(`"${value}" is not a valid email address.`);
    return value;
  }

  private async emailPatch(row: CustomerRow, email: string): Promise<Partial<CustomerRow>> {
    const emailHash = this.cipher.emailIndex(normalizeEmail(email));
    const websiteId = Number(row.website_id ?? 0);
    const other = emailHash === row.email_hash ? undefined : await this.customers.findByEmailHash(websiteId, emailHash);
    if (other) throw new AlreadyExistsError(DUPLICATE_EMAIL);
    return { email: this.cipher.seal(C, 'email', email)!, email_hash: emailHash };
  }

  private async save(row: CustomerRow, patch: Partial<CustomerRow>, changed: string[], alsoInTransaction?: () => Promise<void>): Promise<void> {
    if (!changed.length && !alsoInTransaction) return;
    try {
      await this.db.transaction(async () => {
        await this.customers.update(row.entity_id, { ...patch, updated_at: this.clock.now().getTime() });
        if (alsoInTransaction) await alsoInTransaction();
        await this.events.dispatch('customer_save_after', { customerId: Number(row.entity_id), websiteId: Number(row.website_id ?? 0), isNew: false, changed });
      });
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new AlreadyExistsError(DUPLICATE_EMAIL);
      throw err;
    }
  }

  private sealPersonal(fields: CleanPersonalFields): Partial<CustomerRow> {
    const out: Partial<CustomerRow> = {};
    for (const column of ['prefix', 'middlename', 'suffix', 'dob', 'taxvat'] as const) out[column] = this.cipher.seal(C, column, fields[column] ?? null);
    return out;
  }

  /** Only the fields present in the input. */
  private personalPatch(fields: CleanPersonalFields): Partial<CustomerRow> {
    const out: Partial<CustomerRow> = {};
    for (const column of ['prefix', 'firstname', 'middlename', 'lastname', 'suffix', 'dob', 'taxvat'] as const) {
      if (fields[column] !== undefined) (out as Record<string, unknown>)[column] = this.cipher.seal(C, column, fields[column]);
    }
    if (fields.gender !== undefined) out.gender = fields.gender;
    if (fields.isSubscribed !== undefined) out.is_subscribed = fields.isSubscribed;
    return out;
  }

  private async assertGroup(groupId: number): Promise<void> {
    const groups = await this.repository.listGroups();
    if (groupId === 0 || !groups.some((g) => g.id === groupId)) throw new InputError(`Invalid value of "${groupId}" provided for the group_id field.`);
  }

  private async load(id: number): Promise<Customer> {
    const customer = await this.repository.getById(id);
    if (!customer) throw noSuchCustomer(id);
    return customer;
  }
}

function fieldName(key: string): string {
  return key === 'isSubscribed' ? 'is_subscribed' : key;
}
