import { createHash, randomBytes } from 'node:crypto';
import { inject, injectable } from 'inversify';
import { Kernel, type Clock, type Database } from '../../../../app';
import type { Encryptor } from '../../../../app/crypto/encryptor';
import type { EnvConfig } from '../../../../app/kernel/env';
import { PaymentDeclinedError, type CardAuthorization, type CardGateway } from '../../api/payment';
import { SalesTable as T } from '../../api/sales-tables';
import { NONCE_PREFIX, NONCE_TTL_MS, SandboxTokenCodec, VAULT_PREFIX, type SandboxCard } from './sandbox-token-codec';

/** The install's sandbox secret, shared with the tokenizer app it starts: derived from the encryption key, never stored. */
export function sandboxGatewaySecret(encryptor: Encryptor): string {
  return encryptor.hmac('comptoir-sandbox-gateway', 'sales_sandbox_gateway');
}

/** Any amount ending in .13 is declined (minor units ending in 13), as a test switch. */
const DECLINING_CENTS = 13;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * The development and test gateway: verifies the tokenizer's signed nonces (one-time, 3 hours), declines the test decline
 * card and amounts ending in .13, and keeps a ledger of authorizations, captures, voids, releases of an uncaptured remainder
 * and refunds in payment_sandbox_transaction: captures add up to at most the authorized amount, refunds to at most their
 * capture's; nothing is captured after a void or a release.
 * The ledger joins the caller's transaction, so an order that rolls back leaves no authorization behind.
 */
@injectable()
export class SandboxGateway implements CardGateway {
  readonly code = 'sandbox';
  private readonly codec: SandboxTokenCodec;

  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(Kernel.Encryptor) encryptor: Encryptor,
    @inject(Kernel.Env) private readonly env: EnvConfig,
  ) {
    this.codec = new SandboxTokenCodec(sandboxGatewaySecret(encryptor));
  }

  /** Never in production: a shop left on the sandbox would ship goods against fake payments. */
  isAvailable(): boolean {
    return this.env.mode === 'developer';
  }

  async authorize(token: string, amount: number, _currency: string, options: { reference: string; vault: boolean }): Promise<CardAuthorization> {
    const card = await this.cardOf(token);
    if (card.decline || amount % 100 === DECLINING_CENTS) throw new PaymentDeclinedError();
    const transactionId = `sbx_${randomBytes(12).toString('hex')}`;
    await this.db.conn()(T.sandboxTransaction).insert({
      transaction_id: transactionId,
      nonce_hash: token.startsWith(NONCE_PREFIX) ? sha256(token) : null,
      kind: 'authorize',
      parent_id: null,
      amount,
      created_at: this.clock.now().getTime(),
    });
    const { brand, last4, expMonth, expYear } = card;
    const gatewayToken = options.vault && token.startsWith(NONCE_PREFIX) ? this.codec.issue(VAULT_PREFIX, { ...card, decline: false }, this.clock.now().getTime()) : null;
    return { transactionId, brand, last4, expMonth, expYear, gatewayToken };
  }

  async capture(authorizationId: string, amount: number): Promise<string> {
    const authorized = await this.authorization(authorizationId);
    const conn = this.db.conn();
    const done = await conn(T.sandboxTransaction).where('parent_id', authorizationId).whereIn('kind', ['capture', 'void', 'release']);
    if (done.some((row) => row.kind === 'void')) throw new PaymentDeclinedError('The authorization was voided.');
    if (done.some((row) => row.kind === 'release')) throw new PaymentDeclinedError('The rest of the authorization was released.');
    const captured = done.reduce((sum, row) => sum + Number(row.amount), 0);
    if (!Number.isInteger(amount) || amount <= 0 || captured + amount > authorized) throw new PaymentDeclinedError('The capture exceeds the authorized amount.');
    const transactionId = `sbx_${randomBytes(12).toString('hex')}`;
    await conn(T.sandboxTransaction).insert({ transaction_id: transactionId, kind: 'capture', parent_id: authorizationId, amount, created_at: this.clock.now().getTime() });
    return transactionId;
  }

  async void(authorizationId: string): Promise<void> {
    await this.authorization(authorizationId);
    const conn = this.db.conn();
    if (await conn(T.sandboxTransaction).where({ parent_id: authorizationId, kind: 'capture' }).first()) throw new PaymentDeclinedError('A captured authorization cannot be voided.');
    await conn(T.sandboxTransaction).insert({ transaction_id: `sbx_${randomBytes(12).toString('hex')}`, kind: 'void', parent_id: authorizationId, amount: 0, created_at: this.clock.now().getTime() });
  }

  /** Writes a release of the authorized amount not captured: the ledger then adds up (captures + release = authorized). */
  async releaseRemainder(authorizationId: string): Promise<number> {
    const authorized = await this.authorization(authorizationId);
    const conn = this.db.conn();
    const done = await conn(T.sandboxTransaction).where('parent_id', authorizationId).whereIn('kind', ['capture', 'void', 'release']);
    if (done.some((row) => row.kind !== 'capture')) throw new PaymentDeclinedError('The authorization was already voided or released.');
    const left = authorized - done.reduce((sum, row) => sum + Number(row.amount), 0);
    await conn(T.sandboxTransaction).insert({ transaction_id: `sbx_${randomBytes(12).toString('hex')}`, kind: 'release', parent_id: authorizationId, amount: left, created_at: this.clock.now().getTime() });
    return left;
  }

  async refund(captureId: string, amount: number): Promise<string> {
    const conn = this.db.conn();
    const capture = await conn(T.sandboxTransaction).where({ transaction_id: captureId, kind: 'capture' }).first('amount');
    if (!capture) throw new PaymentDeclinedError('Unknown capture.');
    const refunded = await conn(T.sandboxTransaction).where({ parent_id: captureId, kind: 'refund' }).sum({ total: 'amount' }).first();
    const left = Number(capture.amount) - Number(refunded?.total ?? 0);
    if (!Number.isInteger(amount) || amount <= 0 || amount > left) throw new PaymentDeclinedError('The refund exceeds the captured amount.');
    const transactionId = `sbx_${randomBytes(12).toString('hex')}`;
    await conn(T.sandboxTransaction).insert({ transaction_id: transactionId, kind: 'refund', parent_id: captureId, amount, created_at: this.clock.now().getTime() });
    return transactionId;
  }

  private async authorization(id: string): Promise<number> {
    const row = await this.db.conn()(T.sandboxTransaction).where({ transaction_id: id, kind: 'authorize' }).first('amount');
    if (!row) throw new PaymentDeclinedError('Unknown authorization.');
    return Number(row.amount);
  }

  private async cardOf(token: string): Promise<SandboxCard> {
    const vaulted = this.codec.read(VAULT_PREFIX, token);
    if (vaulted) return vaulted.card;
    const nonce = this.codec.read(NONCE_PREFIX, token);
    const invalid = new PaymentDeclinedError('The payment token is invalid or has expired. Enter the card again.');
    if (!nonce || nonce.issuedAt + NONCE_TTL_MS < this.clock.now().getTime()) throw invalid;
    // One-time: a nonce already authorized once is refused (the unique nonce_hash backs this check).
    if (await this.db.conn()(T.sandboxTransaction).where('nonce_hash', sha256(token)).first('entity_id')) throw invalid;
    return nonce.card;
  }
}
