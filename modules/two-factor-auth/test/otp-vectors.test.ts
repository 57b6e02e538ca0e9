import { base32Decode, base32Encode } from '../totp/base32';
import { hotp, matchTotp, totp, generateTotpSecret } from '../totp/otp';
import { otpauthUri } from '../totp/otpauth-uri';

const seed20 = Buffer.from('12345678901234567890');
const seed32 = Buffer.from('12345678901234567890123456789012');
const seed64 = Buffer.from('1234567890123456789012345678901234567890123456789012345678901234');

describe('HOTP / TOTP on node:crypto', () => {
  it('OTP-01 matches the RFC 4226 Appendix D HOTP vectors (counters 0-9)', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, counter) => hotp(seed20, counter))).toEqual(expected);
  });

  it('OTP-02 matches the RFC 6238 Appendix B TOTP vectors (8 digits, SHA1/SHA256/SHA512)', () => {
    const vectors: Array<[number, string, string, string]> = [
      [59, '94287082', '46119246', '90693936'],
      [1111111109, '07081804', '68084774', '25091201'],
      [1111111111, '14050471', '67062674', '99943326'],
      [1234567890, '89005924', '91819424', '93441116'],
      [2000000000, '69279037', '90698825', '38618901'],
      [20000000000, '65353130', '77737706', '47863826'],
    ];
    for (const [time, sha1, sha256, sha512] of vectors) {
      expect([totp(seed20, time, 8, 'sha1'), totp(seed32, time, 8, 'sha256'), totp(seed64, time, 8, 'sha512')]).toEqual([sha1, sha256, sha512]);
    }
  });

  it('OTP-03 accepts the current step and one step either side, never two', () => {
    const t = 1_800_000_010; // 10 s into a step
    const step = Math.floor(t / 30);
    const at = (s: number) => hotp(seed20, s);
    expect(matchTotp(seed20, at(step), t, 29)).toBe(step);
    expect(matchTotp(seed20, at(step - 1), t, 29)).toBe(step - 1);
    expect(matchTotp(seed20, at(step + 1), t, 29)).toBe(step + 1);
    expect(matchTotp(seed20, at(step - 2), t, 29)).toBeNull();
    expect(matchTotp(seed20, at(step + 2), t, 29)).toBeNull();
    // With no leeway only the current step counts.
    expect(matchTotp(seed20, at(step - 1), t, 0)).toBeNull();
    expect(matchTotp(seed20, '12345', t, 29)).toBeNull();
    expect(matchTotp(seed20, 'abcdef', t, 29)).toBeNull();
  });

  it('OTP-03 makes 160-bit secrets from the CSPRNG, and base32 round-trips them', () => {
    const a = generateTotpSecret();
    expect(a.length * 8).toBe(160);
    expect(generateTotpSecret().equals(a)).toBe(false);
    const text = base32Encode(a);
    expect(text).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(text)!.equals(a)).toBe(true);
    expect(base32Encode(Buffer.from('12345678901234567890'))).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq')!.toString()).toBe('12345678901234567890');
    expect(base32Decode('not base32!')).toBeUndefined();
  });

  it('builds the otpauth:// URI authenticator apps read', () => {
    expect(otpauthUri('My Shop', 'ana', 'GEZDGNBV')).toBe('otpauth://totp/My%20Shop:ana?secret=GEZDGNBV&issuer=My+Shop&algorithm=SHA1&digits=6&period=30');
  });
});
