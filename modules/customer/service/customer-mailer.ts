import { inject, injectable } from 'inversify';
import { Kernel, type ScopeResolver } from '../../../app';
import type { MailService } from '../../../app/mail/mail-service';
import { StoreApi, type StoreSettingsReader, type StoreRepository } from '../../store/api';
import { CustomerTable } from '../api/customer-entities';
import type { CustomerRow } from '../model/customer-rows';
import { CustomerInternal } from '../model/customer-internal-tokens';
import type { PiiCipher } from '../model/pii-cipher';

/**
 * The account mails (Magento's customer_password_forgot_email_template and change-email notice), queued through the kernel's
 * MailService: sealed in the outbox, sent after commit. Links use the store view's secure link URL (TLS-05).
 */
@injectable()
export class CustomerMailer {
  constructor(
    @inject(Kernel.Mail) private readonly mail: MailService,
    @inject(Kernel.ScopeResolver) private readonly scopes: ScopeResolver,
    @inject(StoreApi.StoreSettingsReader) private readonly storeSettings: StoreSettingsReader,
    @inject(StoreApi.StoreRepository) private readonly stores: StoreRepository,
    @inject(CustomerInternal.Cipher) private readonly cipher: PiiCipher,
  ) {}

  async queuePasswordReset(row: CustomerRow, token: string, storeCode: string): Promise<void> {
    const { storeName, linkBase } = await this.storeInfo(storeCode);
    const to = this.cipher.open(CustomerTable.entity, 'email', row.email)!;
    const link = `${linkBase}customer/account/createPassword/?token=${encodeURIComponent(token)}`;
    await this.mail.queue({
      to,
      subject: `Reset your ${storeName} password`,
      text: [
        `${this.greeting(row)},`,
        '',
        'There was recently a request to change the password for your account.',
        'If you requested this change, set a new password here:',
        link,
        '',
        'If you did not make this request, you can ignore this email and your password will remain the same.',
      ].join('\n'),
      storeCode,
    });
  }

  /** Sent to the old address, so the owner learns of a change they did not make. */
  async queueEmailChanged(previousEmail: string, row: CustomerRow): Promise<void> {
    const store = row.store_id !== null ? await this.scopes.getStoreById(Number(row.store_id)) : undefined;
    const storeCode = store && store.storeId !== 0 ? store.storeCode : (await this.stores.getDefaultStoreView())?.code ?? 'default';
    const { storeName } = await this.storeInfo(storeCode);
    await this.mail.queue({
      to: previousEmail,
      subject: `Your ${storeName} email has been changed`,
      text: [
        `${this.greeting(row)},`,
        '',
        `We have received a request to change the email address of your ${storeName} account; this address no longer signs in.`,
        'If you did not make this change, contact us right away.',
      ].join('\n'),
      storeCode,
    });
  }

  private greeting(row: CustomerRow): string {
    return `Hello ${this.cipher.open(CustomerTable.entity, 'firstname', row.firstname)}`;
  }

  private async storeInfo(storeCode: string): Promise<{ storeName: string; linkBase: string }> {
    const settings = await this.storeSettings.forStoreView(storeCode);
    const view = await this.stores.getStoreView(storeCode);
    return { storeName: settings.storeInformationName ?? view?.name ?? storeCode, linkBase: settings.urls.secureBaseLinkUrl };
  }
}
