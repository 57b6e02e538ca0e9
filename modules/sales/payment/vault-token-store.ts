import { randomBytes } from 'node:crypto';
import { inject, injectable } from 'inversify';
import { Kernel, type Clock, type Database } from '../../../app';
import type { Encryptor } from '../../../app/crypto/encryptor';
import { SalesTable as T } from '../api/sales-tables';

export interface VaultCard {
  gatewayToken: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

export interface VaultTokenView {
  publicHash: string;
  paymentMethodCode: string;
  type: 'card' | 'account';
  details: string;
}

const TOKEN_COLUMN = `${T.vaultToken}.gateway_token`;

/**
 * Magento's vault (PAY-02, PAY-03): the gateway token is stored AES-GCM encrypted, found again by a keyed hash, and shown to
 * its owner only as a random public_hash plus brand, last 4 and expiry. Every read and delete is scoped to the owner (API-01).
 */
@injectable()
export class VaultTokenStore {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(Kernel.Encryptor) private readonly encryptor: Encryptor,
  ) {}

  async save(customerId: number, methodCode: string, card: VaultCard): Promise<void> {
    const conn = this.db.conn();
    const hash = this.encryptor.hmac(card.gatewayToken, 'vault_gateway_token');
    if (await conn(T.vaultToken).where({ payment_method_code: methodCode, customer_id: customerId, gateway_token_hash: hash }).first('entity_id')) return;
    const month = String(card.expMonth).padStart(2, '0');
    // Magento keeps the first day of the month after expiry.
    const expires = new Date(Date.UTC(card.expYear, card.expMonth, 1)).toISOString().slice(0, 10);
    await conn(T.vaultToken).insert({
      customer_id: customerId,
      public_hash: randomBytes(32).toString('hex'),
      payment_method_code: methodCode,
      type: 'card',
      gateway_token: this.encryptor.encrypt(card.gatewayToken, TOKEN_COLUMN),
      gateway_token_hash: hash,
      details: JSON.stringify({ type: card.brand, maskedCC: card.last4, expirationDate: `${month}/${card.expYear}` }),
      expires_at: expires,
      is_active: true,
      is_visible: true,
      created_at: this.clock.now().getTime(),
    });
  }

  async listVisible(customerId: number): Promise<VaultTokenView[]> {
    const today = this.clock.now().toISOString().slice(0, 10);
    const rows = await this.db
      .conn()(T.vaultToken)
      .where({ customer_id: customerId, is_active: true, is_visible: true })
      .andWhere((q) => q.whereNull('expires_at').orWhere('expires_at', '>', today))
      .orderBy('entity_id');
    return rows.map((r) => ({ publicHash: r.public_hash, paymentMethodCode: r.payment_method_code, type: r.type, details: r.details }));
  }

  /** The decrypted gateway token of the owner's saved card, for a payment with it. */
  async gatewayToken(customerId: number, publicHash: string): Promise<string | null> {
    const row = await this.db.conn()(T.vaultToken).where({ customer_id: customerId, public_hash: publicHash, is_active: true }).first('gateway_token');
    return row ? this.encryptor.decrypt(row.gateway_token, TOKEN_COLUMN) : null;
  }

  /** Deletes the owner's token (the encrypted gateway token goes with it); false when the owner has no such token. */
  async delete(customerId: number, publicHash: string): Promise<boolean> {
    return (await this.db.conn()(T.vaultToken).where({ customer_id: customerId, public_hash: publicHash }).delete()) > 0;
  }
}
