import pino, { type Logger as PinoLogger, type DestinationStream } from 'pino';
import { scrubLogLine } from './log-scrubber';

export type Logger = PinoLogger;

/** Paths redacted everywhere; modules add theirs through `logRedact` in their manifest. */
export const BASE_REDACT_PATHS = [
  'password',
  '*.password',
  '*.*.password',
  'newPassword',
  '*.newPassword',
  'currentPassword',
  '*.currentPassword',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'cvv',
  '*.cvv',
  '*.*.cvv',
  'cvc',
  '*.cvc',
  'cc_cid',
  '*.cc_cid',
  '*.*.cc_cid',
  'cc_number',
  '*.cc_number',
  '*.*.cc_number',
  'card_number',
  '*.card_number',
  '*.*.card_number',
  'cardNumber',
  '*.cardNumber',
  'db.password',
  'crypt',
  '*.crypt',
];

export interface LoggerOptions {
  level?: string;
  redact?: string[];
  destination?: DestinationStream;
  name?: string;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.COMPTOIR_LOG_LEVEL ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info');
  return pino(
    {
      name: options.name ?? 'comptoir',
      level,
      redact: { paths: [...new Set([...BASE_REDACT_PATHS, ...(options.redact ?? [])])], censor: '[REDACTED]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      base: { pid: process.pid },
      // Path redaction covers the known shapes; this last pass catches card numbers and sensitive keys anywhere in the line.
      hooks: { streamWrite: scrubLogLine },
    },
    options.destination ?? pino.destination(2),
  );
}
