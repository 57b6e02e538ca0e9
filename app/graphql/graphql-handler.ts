import type { RequestHandler } from 'express';
import { GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Response as GraphQlHttpResponse } from 'graphql-http';
import { createHandler } from 'graphql-http/lib/use/express';
import type { Application } from '../kernel/application';
import { Kernel } from '../kernel/tokens';
import type { GraphQLContext } from './context';
import { createGraphQlContext, resolveRequestStore } from './context-factory';
import { createErrorFormatter } from './error-formatter';
import { checkQueryLimits, DEFAULT_QUERY_LIMITS, type QueryLimits } from './query-limits';
import { parseGraphQlRequest } from './request-parser';
import { buildGraphQlSchema } from './schema-builder';
import { DocumentCache } from './document-cache';
import { createCompiledExecutor } from './compiled-executor';

export interface GraphQlHandlerOptions {
  /** Overrides of the API-04 limits; introspection defaults to on in developer mode only. */
  limits?: Partial<QueryLimits>;
  /** An already assembled schema (default: built from the application's enabled modules). */
  schema?: GraphQLSchema;
}

/**
 * The `/graphql` endpoint on graphql-http (GraphQL over HTTP: GET or POST for queries, POST only for mutations).
 * Before anything executes, in this order: the Store header, parsing under a token budget, the depth/complexity/alias/
 * introspection limits (cheap, on the bare document), then graphql-js validation (the costly part).
 * The request body must already have been read (bounded) into `req.body` by the HTTP app.
 */
export function createGraphQlHandler(app: Application, options: GraphQlHandlerOptions = {}): RequestHandler {
  const schema = options.schema ?? buildGraphQlSchema(app.modules, app);
  const developer = app.env.mode === 'developer';
  // Kernel defaults, then etc/env.json `graphql` (the operator's), then what the caller passes (tests, embedding).
  const fromEnv = Object.fromEntries(Object.entries(app.env.graphql ?? {}).filter(([, value]) => value !== undefined)) as Partial<QueryLimits>;
  const limits: QueryLimits = { ...DEFAULT_QUERY_LIMITS, introspection: developer, ...fromEnv, ...options.limits };
  const logger = app.logger;
  const formatError = createErrorFormatter({ developer, logger });
  // Parsing, limits and validation depend only on the query text and the schema: storefronts send the same few queries again and again.
  const documents = new DocumentCache<DocumentNode | readonly GraphQLError[]>(1000);
  const prepare = (query: string): DocumentNode | readonly GraphQLError[] => {
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: limits.maxTokens });
    } catch (err) {
      if (err instanceof GraphQLError) return [err];
      throw err;
    }
    const limitErrors = checkQueryLimits(document, limits);
    if (limitErrors.length) return limitErrors;
    const validationErrors = validate(schema, document);
    return validationErrors.length ? validationErrors : document;
  };

  return createHandler<GraphQLContext>({
    schema,
    ...(process.env.COMPTOIR_GRAPHQL_JIT === '0' ? {} : { execute: createCompiledExecutor() as never }),
    parseRequestParams: parseGraphQlRequest,
    formatError,
    // graphql-http serializes every result through a replacer function (for Error values), which keeps V8 off its fast JSON
    // path: a category page (24 KB) spent a tenth of its time there. A result without errors holds plain data only, so it is
    // serialized here without one; results with errors take graphql-http's path (formatError included).
    onOperation: (req, _args, result) => {
      if (!isPlainResult(result)) return undefined;
      // With its length, the response goes out in one piece instead of chunked (graphql-http writes the head first).
      const body = JSON.stringify(result);
      return [body, { status: 200, statusText: 'OK', headers: { 'content-type': responseMediaType(req.headers), 'content-length': String(Buffer.byteLength(body)) } }] as GraphQlHttpResponse;
    },
    onSubscribe: async (req, params) => {
      try {
        const store = await resolveRequestStore(app.get(Kernel.ScopeResolver), req.raw.headers.store);
        if (!store) return [new GraphQLError('Requested store is not found', { extensions: { category: 'graphql-input' } })];
        const prepared = documents.get(params.query) ?? documents.set(params.query, prepare(params.query));
        if (!('kind' in prepared)) return prepared;
        const document = prepared;
        return {
          schema,
          document,
          operationName: params.operationName,
          variableValues: params.variables,
          contextValue: createGraphQlContext(app, logger, req.raw, store),
        };
      } catch (err) {
        // Not the client's doing (the store lookup failed, say): a masked 500 rather than graphql-http's bare one.
        const body = JSON.stringify({ errors: [formatError(err instanceof Error ? err : new Error(String(err)))] });
        return [body, { status: 500, statusText: 'Internal Server Error', headers: { 'content-type': 'application/json; charset=utf-8' } }] as GraphQlHttpResponse;
      }
    },
  });
}

function isPlainResult(result: unknown): result is { data: unknown } {
  return !!result && typeof result === 'object' && !(Symbol.asyncIterator in result) && !(result as { errors?: unknown[] }).errors?.length;
}

/**
 * The media type graphql-http negotiated for this request (it refused unacceptable ones with 406 before executing): the
 * first of application/graphql-response+json or application/json (or a wildcard) in Accept, in utf-8; the same reading as
 * graphql-http's own, so a response is typed the same whichever path serialized it.
 */
export function responseMediaType(headers: unknown): string {
  const raw = headers as { get?: (name: string) => string | null } & Record<string, unknown>;
  const accept = String((typeof raw.get === 'function' ? raw.get('accept') : raw.accept) || '*/*');
  for (const entry of accept.replace(/\s/g, '').toLowerCase().split(',')) {
    const [mediaType, ...params] = entry.split(';');
    const charset = params.find((param) => param.includes('charset=')) || 'charset=utf-8';
    if (mediaType === 'application/graphql-response+json' && charset === 'charset=utf-8') return 'application/graphql-response+json; charset=utf-8';
    if ((mediaType === 'application/json' || mediaType === 'application/*' || mediaType === '*/*') && (charset === 'charset=utf-8' || charset === 'charset=utf8')) {
      return 'application/json; charset=utf-8';
    }
  }
  return 'application/json; charset=utf-8';
}
