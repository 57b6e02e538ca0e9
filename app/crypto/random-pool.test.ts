import { randomBytesPooled } from './random-pool';

describe('randomBytesPooled', () => {
  it('hands out every byte once: views never overlap, across pool refills, and keep their value', () => {
    const drawn: Buffer[] = [];
    for (let i = 0; i < 2000; i++) drawn.push(randomBytesPooled(24));
    const copies = drawn.map((b) => Buffer.from(b));
    // 48 kB: several refills of the 8 kB pool. No two draws share bytes (collisions of 24 random bytes do not happen).
    expect(new Set(drawn.map((b) => b.toString('hex'))).size).toBe(2000);
    for (let i = 0; i < 50; i++) randomBytesPooled(16).fill(0);
    drawn.forEach((b, i) => expect(b.equals(copies[i])).toBe(true));
  });

  it('draws large sizes directly', () => {
    expect(randomBytesPooled(5000)).toHaveLength(5000);
  });
});
