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
