import crypto from 'node:crypto';

export type OtpAlgorithm = 'sha1' | 'sha256' | 'sha512';

/** RFC 4226 HOTP: HMAC of the 8-byte big-endian counter, dynamic truncation, modulo 10^digits. */
export function hotp(key: Uint8Array, counter: number | bigint, digits = 6, algorithm: OtpAlgorithm = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = crypto.createHmac(algorithm, key).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export const TOTP_PERIOD = 30;

/** RFC 6238 time step of a moment (seconds since the epoch / 30). */
export function totpStep(epochSeconds: number, period = TOTP_PERIOD): number {
  return Math.floor(epochSeconds / period);
}

/** RFC 6238 TOTP for a moment. */
export function totp(key: Uint8Array, epochSeconds: number, digits = 6, algorithm: OtpAlgorithm = 'sha1', period = TOTP_PERIOD): string {
  return hotp(key, totpStep(epochSeconds, period), digits, algorithm);
}

/**
 * The time step a code belongs to, or null (OTP-03). The current step always counts; the step before counts while we are
 * less than `leewaySeconds` into the current one, the step after once we are that close to it: with Magento's leeway of 29 s,
 * at most one step either side. Every candidate is compared in constant time.
 */
export function matchTotp(key: Uint8Array, code: string, epochSeconds: number, leewaySeconds: number, digits = 6): number | null {
  if (!new RegExp(`^\\d{${digits}}$`).test(code)) return null;
  const now = Math.floor(epochSeconds);
  const current = totpStep(now);
  const leeway = Math.max(0, Math.min(leewaySeconds, TOTP_PERIOD - 1));
  const candidates = [current];
  if (now - current * TOTP_PERIOD < leeway) candidates.push(current - 1);
  if ((current + 1) * TOTP_PERIOD - now <= leeway) candidates.push(current + 1);
  let found: number | null = null;
  const given = Buffer.from(code);
  for (const step of candidates) {
    const expected = Buffer.from(hotp(key, step, digits));
    if (crypto.timingSafeEqual(expected, given) && found === null) found = step;
  }
  return found;
}

/** 160 bits from the CSPRNG: RFC 4226's recommended key length (OTP-03). */
export function generateTotpSecret(): Buffer {
  return crypto.randomBytes(20);
}
