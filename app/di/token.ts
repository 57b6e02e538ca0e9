import type { ServiceIdentifier } from 'inversify';

/** A typed service id. Modules publish their tokens in `api/` so other modules can ask for the service. */
export type Token<T> = symbol & { readonly __service?: T };

export function createToken<T>(name: string): Token<T> {
  return Symbol.for(name) as Token<T>;
}

export function asIdentifier<T>(token: Token<T>): ServiceIdentifier<T> {
  return token as unknown as ServiceIdentifier<T>;
}

export function tokenName(token: symbol): string {
  return token.description ?? token.toString();
}
