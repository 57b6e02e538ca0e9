import { GraphQLError } from 'graphql';
import type { Logger } from '../log/logger';
import { clientCategoryOf, type ErrorCategory } from './errors';

export const INTERNAL_ERROR_MESSAGE = 'Internal server error';

export interface ErrorFormatterOptions {
  /** Developer mode adds the real message and stack of internal errors under `extensions.debug`. */
  developer: boolean;
  logger: Logger;
}

/**
 * Turns any error graphql-http hands over into what the client may see. Client-aware errors keep their message and category;
 * errors graphql-js raised about the request itself (syntax, validation, variable coercion: they carry no path) are category
 * `graphql`; anything else is a bug or an outage, so it becomes "Internal server error" and is logged with its details.
 */
export function createErrorFormatter(options: ErrorFormatterOptions): (err: Readonly<Error | GraphQLError>) => GraphQLError {
  return (err) => {
    const graphQlError = err instanceof GraphQLError ? err : undefined;
    const cause = rootCause(err);
    const category = clientCategoryOf(cause);
    // No path: graphql-js raised it while reading the request (syntax, validation, variable coercion), or the handler did.
    if (graphQlError && !graphQlError.path) {
      const requestCategory = clientCategoryOf(graphQlError.originalError) ?? categoryFromExtensions(graphQlError) ?? 'graphql';
      return shape(graphQlError.message, requestCategory, graphQlError);
    }
    if (category) return shape(cause.message, category, graphQlError);
    // A module that throws a GraphQLError itself means its message for the client, as Magento's GraphQl exceptions do.
    if (cause instanceof GraphQLError) return shape(cause.message, categoryFromExtensions(cause) ?? 'graphql', graphQlError);
    options.logger.error({ err: cause, path: graphQlError?.path }, 'GraphQL internal error');
    const debug = options.developer ? { debug: { message: cause.message, stack: cause.stack } } : {};
    return shape(INTERNAL_ERROR_MESSAGE, 'internal', graphQlError, debug);
  };
}

/** graphql-js wraps what a resolver threw in an error that carries the path; the wrapped one says what happened. */
function rootCause(err: Readonly<Error>): Error {
  if (err instanceof GraphQLError && err.path && err.originalError) return err.originalError;
  return err as Error;
}

function categoryFromExtensions(err: GraphQLError): ErrorCategory | undefined {
  const category = err.extensions?.category;
  return typeof category === 'string' ? (category as ErrorCategory) : undefined;
}

/** A fresh error holding only what the client may see: graphql-http serializes it with GraphQLError's own toJSON. */
function shape(message: string, category: ErrorCategory, located: GraphQLError | undefined, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, {
    nodes: located?.nodes,
    source: located?.source,
    positions: located?.positions,
    path: located?.path,
    extensions: { category, ...extra },
  });
}
