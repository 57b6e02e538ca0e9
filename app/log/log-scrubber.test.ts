import { redactSensitiveValues, scrubLogLine } from './log-scrubber';

describe('LOG-03 PAY-01 last-pass scrubbing of log lines', () => {
  it.each([
    ['{"cvv":"987","ok":1}', '{"cvv":"[REDACTED]","ok":1}'],
    ['{"payment":{"cc_cid":987,"method":"card"}}', '{"payment":{"cc_cid":"[REDACTED]","method":"card"}}'],
    ['{"body":"{\\"cvv\\":987}"}', '{"body":"{\\"cvv\\":\\"[REDACTED]\\"}"}'],
    ['{"body":"{\\"card_cvv\\":\\"987\\",\\"x\\":\\"y\\"}"}', '{"body":"{\\"card_cvv\\":\\"[REDACTED]\\",\\"x\\":\\"y\\"}"}'],
    ['mutation { pay(cvc: "987", code: "x") }', 'mutation { pay(cvc: "[REDACTED]", code: "x") }'],
    ['/pay?cvv=987&amount=10', '/pay?cvv=[REDACTED]&amount=10'],
    ['{"newPassword":"hunter2","accessToken":"abc","client_secret":"s"}', '{"newPassword":"[REDACTED]","accessToken":"[REDACTED]","client_secret":"[REDACTED]"}'],
    ['{"password":"a\\"b\\\\","next":"visible"}', '{"password":"[REDACTED]","next":"visible"}'],
  ])('LOG-03 redacts the value of a sensitive key in %p', (line, expected) => {
    expect(redactSensitiveValues(line)).toBe(expected);
  });

  it('leaves harmless keys and objects alone', () => {
    for (const line of ['{"pid":123,"company":"Acme","expand":"x","span":"y","paid":true}', '{"token":{"kid":"a"}}', '{"msg":"password reset requested"}']) {
      expect(redactSensitiveValues(line)).toBe(line);
    }
  });

  it('PAY-01 removes a CVV written in free text', () => {
    expect(scrubLogLine('{"msg":"card ends 1111, cvv 987, security code: 1234; cvv2=555"}')).toBe('{"msg":"card ends 1111, cvv [REDACTED], security code: [REDACTED]; cvv2=[REDACTED]"}');
  });

  it('PAY-03 removes card numbers from URLs as logged (encoded spaces and plus signs)', () => {
    expect(scrubLogLine('{"url":"/pay?card=4111%201111%201111%201111&x=4111+1111+1111+1111"}')).toBe('{"url":"/pay?card=[REDACTED PAN]&x=[REDACTED PAN]"}');
  });

  it('PAY-03 removes card numbers anywhere in the line, spaced or not, escaped JSON included', () => {
    const line = '{"msg":"paid with 4111 1111 1111 1111","query":"mutation { x(n: \\"4111-1111-1111-1111\\") }","n":4111111111111111}';
    const scrubbed = scrubLogLine(line);
    expect(scrubbed).not.toMatch(/4111/);
    expect(JSON.parse(scrubbed).msg).toBe('paid with [REDACTED PAN]');
  });
});
