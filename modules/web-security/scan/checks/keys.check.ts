import type { SecurityFinding } from '../../api/security-scan';
import type { ScanContext, SecurityCheck } from '../scan-context';

const MIN_KEY_BYTES = 32;

/** A key a person typed or a tool defaulted (all zeros, one repeated byte, "changeme"…) has few distinct bytes; random 32 bytes have ~28. */
function looksWeak(bytes: Buffer): boolean {
  return new Set(bytes).size < Math.min(16, Math.ceil(bytes.length / 2)) || /^(changeme|secret|password|test|default)/i.test(bytes.toString('latin1'));
}

/**
 * Default, weak or reused keys: the encryption keys (etc/env.json crypt.keys, AES-256-GCM) and the JWT signing keys
 * (auth.jwtKeys, HS256). A JWT secret equal to an encryption key, or two identical keys, means one leak opens both doors.
 */
export const keysCheck: SecurityCheck = {
  id: 'keys',
  title: 'Default, weak or reused keys',
  async run(ctx: ScanContext): Promise<SecurityFinding[]> {
    const findings: SecurityFinding[] = [];
    const add = (f: Omit<SecurityFinding, 'check'>) => findings.push({ check: this.id, ...f });
    const crypt = ctx.env.crypt.keys.map((k) => Buffer.from(k, 'base64'));
    crypt.forEach((key, i) => {
      if (key.length < MIN_KEY_BYTES) add({ severity: 'critical', where: `etc/env.json crypt.keys[${i}]`, message: `Encryption key version ${i} is ${key.length} bytes; AES-256 needs ${MIN_KEY_BYTES}`, fix: 'Add a new key (setup:install --key) and re-encrypt.' });
      else if (looksWeak(key)) add({ severity: 'critical', where: `etc/env.json crypt.keys[${i}]`, message: `Encryption key version ${i} is not random (a default or hand-made value)`, fix: 'Append a key from a CSPRNG (openssl rand -base64 32) and re-encrypt stored secrets.' });
    });
    const duplicateCrypt = crypt.findIndex((key, i) => crypt.findIndex((other) => other.equals(key)) !== i);
    if (duplicateCrypt >= 0) add({ severity: 'high', where: `etc/env.json crypt.keys[${duplicateCrypt}]`, message: 'Two encryption key versions are the same key: a "rotation" that changed nothing', fix: 'Append a freshly generated key.' });

    const jwt = ctx.env.auth?.jwtKeys ?? [];
    if (!jwt.length) {
      add({ severity: 'medium', where: 'etc/env.json auth.jwtKeys', message: 'No JWT signing key: API tokens cannot be issued', fix: 'Run setup:install again (it generates one) or add {kid, secret} with a 32-byte random secret.' });
    }
    const secrets = jwt.map((k) => Buffer.from(k.secret, 'base64'));
    jwt.forEach((key, i) => {
      const bytes = secrets[i];
      const where = `etc/env.json auth.jwtKeys[${i}] (kid ${key.kid})`;
      if (bytes.length < MIN_KEY_BYTES) add({ severity: 'critical', where, message: `The JWT signing secret is ${bytes.length} bytes: HS256 needs at least ${MIN_KEY_BYTES} random bytes or tokens can be forged offline`, fix: 'Append a key with a 32-byte random secret; remove this one once its tokens expired.' });
      else if (looksWeak(bytes)) add({ severity: 'critical', where, message: 'The JWT signing secret is not random (a default or hand-made value)', fix: 'Append a key with a 32-byte random secret.' });
      if (crypt.some((c) => c.equals(bytes))) add({ severity: 'high', where, message: 'The JWT signing secret is also an encryption key: one leak would both forge tokens and decrypt stored data', fix: 'Give JWTs their own secret.' });
      if (secrets.findIndex((other) => other.equals(bytes)) !== i) add({ severity: 'medium', where, message: 'Two JWT keys share one secret', fix: 'Give each kid its own secret.' });
    });
    return findings;
  },
};
