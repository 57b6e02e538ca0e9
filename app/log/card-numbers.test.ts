import { containsCardNumber, findCardNumbers, inBrandRange, luhnValid, redactCardNumbers } from './card-numbers';

describe('PAY-03 card numbers in text', () => {
  it('PAY-03 implements the Luhn check', () => {
    for (const pan of ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117', '4222222222222', '3530111333300000', '6304000000000000']) {
      expect(luhnValid(pan)).toBe(true);
    }
    for (const other of ['4111111111111112', '1234567812345678', '', '12a4']) expect(luhnValid(other)).toBe(false);
  });

  it.each([
    ['4111111111111111', '4111111111111111'],
    ['card: 4111 1111 1111 1111 exp 12/30', '4111111111111111'],
    ['4111-1111-1111-1111', '4111111111111111'],
    ['4111  1111  1111  1111', '4111111111111111'],
    ['amex 3782 822463 10005.', '378282246310005'],
    ['{"pan":"5555555555554444"}', '5555555555554444'],
    ['cc=4111+1111', undefined],
    // The longest Luhn-valid candidate wins: here the card number and its CVV together (redacting both is the point).
    ['4111 1111 1111 1111 987 (my card and its cvv)', '4111111111111111987'],
    ['4111 1111 1111 1111 986 (another cvv)', '4111111111111111'],
    ['13 digits 4222222222222 ok', '4222222222222'],
    ['19 digits 6011000990139424123', undefined],
  ])('PAY-03 finds the card number in %p', (text, digits) => {
    const [first] = findCardNumbers(text);
    expect(first?.digits).toBe(digits);
    expect(containsCardNumber(text)).toBe(digits !== undefined);
  });

  it('PAY-03 finds every card number of a run, without overlap', () => {
    expect(findCardNumbers('4111111111111111 5555555555554444').map((m) => m.digits)).toEqual(['4111111111111111', '5555555555554444']);
  });

  it('PAY-03 leaves ordinary numbers alone: short ones, Luhn-invalid ones, runs longer than 19 digits, digits glued to letters', () => {
    for (const text of [
      'order 000000123 total 1999 EUR',
      'phone +33 6 12 34 56 78',
      '4111111111111112',
      '41111111111111111111111111',
      'trace 0af7651916cd43dd8448eb211c80319c',
      'id a4111111111111111',
      'jwt eyJhbGciOiJIUzI1NiJ9.eyJ1aWQiOjQxMTExMTExMTExMTExMTF9',
      '2026-03-02T10:00:30.123Z',
      '',
    ]) {
      expect(containsCardNumber(text)).toBe(false);
    }
  });

  it('PAY-03 redacts every card number and keeps the rest', () => {
    expect(redactCardNumbers('a 4111 1111 1111 1111 b 5555-5555-5555-4444 c 42')).toBe('a [REDACTED PAN] b [REDACTED PAN] c 42');
    expect(redactCardNumbers('nothing here 123')).toBe('nothing here 123');
  });

  it('PAY-03 brandRangesOnly keeps every brand\'s numbers and spares millisecond timestamps and EAN-13 barcodes', () => {
    for (const pan of ['4111111111111111', '4222222222222', '5555555555554444', '2223003122003222', '378282246310005', '30569309025904', '6011111111111117', '3530111333300000', '6250941006528599']) {
      expect({ pan, found: containsCardNumber(`x ${pan} y`, { brandRangesOnly: true }) }).toEqual({ pan, found: true });
    }
    // Luhn-valid all the same: a timestamp in an analytics cookie, a French barcode.
    for (const other of ['fb.1.1700000000004.1116446470', 'ean 3017620422007']) {
      expect(containsCardNumber(other)).toBe(true);
      expect(containsCardNumber(other, { brandRangesOnly: true })).toBe(false);
    }
    expect([inBrandRange('1700000000004'), inBrandRange('7000000000000000'), inBrandRange('4000000000000')]).toEqual([false, false, true]);
  });
});
