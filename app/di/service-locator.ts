import type { Token } from './token';

/** The narrow view of the container handed to resolvers, observers, routes and commands. */
export interface ServiceLocator {
  get<T>(token: Token<T>): T;
}
