import { Writable } from 'node:stream';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, destination: destination as unknown as import('pino').DestinationStream };
}

describe('structured logs with central redaction', () => {
  it('writes JSON lines and redacts passwords, tokens, secrets and authorization headers', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', destination });
    logger.info({ password: 'hunter2', input: { password: 'x', email: 'a@b.c' }, req: { headers: { authorization: 'Bearer abc.def' } }, token: 'tkn' }, 'login');
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ msg: 'login', level: 30, password: '[REDACTED]', input: { password: '[REDACTED]', email: 'a@b.c' }, token: '[REDACTED]' });
    expect(entry.req.headers.authorization).toBe('[REDACTED]');
    expect(lines.join('')).not.toMatch(/hunter2|abc\.def|tkn/);
  });

  it('redacts the paths modules add', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', destination, redact: ['payment.gateway_token'] });
    logger.info({ payment: { gateway_token: 'tok_123', method: 'card' } }, 'paid');
    expect(JSON.parse(lines[0]).payment).toEqual({ gateway_token: '[REDACTED]', method: 'card' });
  });
});

describe('PAY-01 PAY-03 LOG-03 every log line is scrubbed', () => {
  it('PAY-03 removes card numbers from messages, nested values and errors, and CVV-like fields at any depth', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', destination });
    logger.info({ order: { note: 'card 4111-1111-1111-1111', payment: { details: { cvv: '987', cc_cid: 987, last4: '1111' } } } }, 'paid with 4111 1111 1111 1111');
    logger.error({ err: new Error('gateway refused 5555555555554444') }, 'failed');
    logger.info({ raw: '{"variables":{"card_cvv":"987","email":"a@b.c"}}', n: 4111111111111111 }, 'raw body');
    const text = lines.join('');
    // (a bare 987 could be in a timestamp or a pid: the CVV is looked for next to its key)
    expect(text).not.toMatch(/4111[\s-]*1111|5555555555554444|(cvv|cc_cid)\W{0,5}987/);
    const entries = lines.map((l) => JSON.parse(l));
    expect(entries[0].msg).toBe('paid with [REDACTED PAN]');
    expect(entries[0].order.payment.details).toEqual({ cvv: '[REDACTED]', cc_cid: '[REDACTED]', last4: '1111' });
    expect(entries[1].err.message).toBe('gateway refused [REDACTED PAN]');
    expect(entries[2].n).toBe('[REDACTED PAN]');
    expect(JSON.parse(entries[2].raw).variables).toEqual({ card_cvv: '[REDACTED]', email: 'a@b.c' });
  });
});
