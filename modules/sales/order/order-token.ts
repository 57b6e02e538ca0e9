import { inject, injectable } from 'inversify';
import { Kernel } from '../../../app';
import type { Encryptor } from '../../../app/crypto/encryptor';

/** The associated data that binds a token to its purpose: no other encrypted value of the shop is accepted as a token. */
const ASSOCIATED_DATA = 'sales_order.token';
const FORMAT = /^(\d{1,4})\.([A-Za-z0-9_-]{38,200})$/;

/**
 * CustomerOrder.token (Magento_SalesGraphQl 2.4.7): lets a guest open their order (guestOrderByToken) without typing its number,
 * email and postcode again. The token is the kernel Encryptor's AES-256-GCM sealing of the order's id and store view id: opaque,
 * unforgeable and tamper-evident, it tells nothing of the order to whoever holds it. Url-safe as `<keyVersion>.<base64url>`.
 */
@injectable()
export class OrderToken {
  constructor(@inject(Kernel.Encryptor) private readonly encryptor: Encryptor) {}

  issue(orderId: number, storeId: number): string {
    const sealed = this.encryptor.encrypt(JSON.stringify([orderId, storeId]), ASSOCIATED_DATA);
    const [version, , payload] = sealed.split(':');
    return `${version}.${Buffer.from(payload, 'base64').toString('base64url')}`;
  }

  /** The order a token names, or null when it is not one of ours (malformed, tampered, another key's, another purpose's). */
  read(token: string): { orderId: number; storeId: number } | null {
    const match = FORMAT.exec(token.trim());
    if (!match) return null;
    try {
      const plain = JSON.parse(this.encryptor.decrypt(`${match[1]}:aes256gcm:${Buffer.from(match[2], 'base64url').toString('base64')}`, ASSOCIATED_DATA)) as unknown;
      if (!Array.isArray(plain) || plain.length !== 2 || !plain.every((n) => Number.isSafeInteger(n) && n >= 0) || plain[0] === 0) return null;
      return { orderId: plain[0] as number, storeId: plain[1] as number };
    } catch {
      return null;
    }
  }
}
