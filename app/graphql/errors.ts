import { KernelError } from '../kernel/errors';

/**
 * Magento's `extensions.category` values. `graphql` is for requests the server could not even start (syntax, validation, limits),
 * `internal` for everything a client must not see the details of.
 */
export type ErrorCategory =
  | 'graphql'
  | 'graphql-input'
  | 'graphql-authorization'
  | 'graphql-authentication'
  | 'graphql-no-such-entity'
  | 'graphql-already-exists'
  | 'internal';

/**
 * KernelError codes that are safe to show a client, with the category they stand for. Services may throw either the classes
 * below or a plain `new KernelError(message, 'NOT_FOUND')`; every other KernelError code stays internal (it is about the
 * installation, not about the request).
 */
export const CLIENT_ERROR_CODES = {
  INPUT_INVALID: 'graphql-input',
  UNAUTHENTICATED: 'graphql-authentication',
  FORBIDDEN: 'graphql-authorization',
  NOT_FOUND: 'graphql-no-such-entity',
  ALREADY_EXISTS: 'graphql-already-exists',
  REQUEST_INVALID: 'graphql',
} as const satisfies Record<string, ErrorCategory>;

export type ClientErrorCode = keyof typeof CLIENT_ERROR_CODES;

/**
 * Magento's ClientAware exceptions: the message is written for the API client and is shown as is, over GraphQL (with its
 * category) and REST (with the matching status). They extend KernelError so the CLI prints them plainly too.
 */
export abstract class ClientAwareError extends KernelError {
  abstract readonly category: ErrorCategory;

  constructor(message: string, code: ClientErrorCode, options?: { cause?: unknown }) {
    super(message, code);
    if (options && 'cause' in options) this.cause = options.cause;
  }
}

/** Bad or missing input: `Required parameter "cart_id" is missing`. */
export class InputError extends ClientAwareError {
  readonly category = 'graphql-input';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'INPUT_INVALID', options);
    this.name = 'InputError';
  }
}

/** The caller is known but may not do this: "The current customer isn't authorized." */
export class AuthorizationError extends ClientAwareError {
  readonly category = 'graphql-authorization';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'FORBIDDEN', options);
    this.name = 'AuthorizationError';
  }
}

/** Bad credentials, or a missing, expired or revoked token. */
export class AuthenticationError extends ClientAwareError {
  readonly category = 'graphql-authentication';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'UNAUTHENTICATED', options);
    this.name = 'AuthenticationError';
  }
}

/** The entity does not exist, or belongs to someone else (API-01: foreign ids behave as not found). */
export class NoSuchEntityError extends ClientAwareError {
  readonly category = 'graphql-no-such-entity';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'NOT_FOUND', options);
    this.name = 'NoSuchEntityError';
  }
}

/** A unique value is taken: "A customer with the same email address already exists in an associated website." */
export class AlreadyExistsError extends ClientAwareError {
  readonly category = 'graphql-already-exists';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'ALREADY_EXISTS', options);
    this.name = 'AlreadyExistsError';
  }
}

/** The HTTP request itself is malformed (unparsable JSON, missing query, batched body…), before any GraphQL work. */
export class RequestError extends ClientAwareError {
  readonly category = 'graphql';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'REQUEST_INVALID', options);
    this.name = 'RequestError';
  }
}

/** The category a client may see for an error, or undefined when the error must be masked as internal. */
export function clientCategoryOf(err: unknown): ErrorCategory | undefined {
  if (err instanceof ClientAwareError) return err.category;
  if (err instanceof KernelError && Object.hasOwn(CLIENT_ERROR_CODES, err.code)) return CLIENT_ERROR_CODES[err.code as ClientErrorCode];
  return undefined;
}
