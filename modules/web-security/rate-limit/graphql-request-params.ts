import type { Request } from 'express';

export interface GraphQlParams {
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
}

/**
 * The GraphQL parameters of a request, read the way graphql-http reads them (GET: query string; POST: the JSON body, which the
 * HTTP app left as raw text), but only when `relevant` matches the query text: the common request pays one regular-expression
 * test and no JSON parse. Anything malformed gives undefined: the GraphQL handler reports it and runs nothing.
 */
export function graphQlParamsOf(req: Request, relevant: RegExp): GraphQlParams | undefined {
  if (req.method === 'GET') {
    const query = req.query.query;
    if (typeof query !== 'string' || !relevant.test(query)) return undefined;
    return { query, operationName: stringOrUndefined(req.query.operationName), variables: parseVariables(req.query.variables) };
  }
  const body: unknown = req.body;
  if (typeof body === 'string') {
    if (!relevant.test(body)) return undefined;
    try {
      return fromObject(JSON.parse(body));
    } catch {
      return undefined;
    }
  }
  return body && typeof body === 'object' ? fromObject(body) : undefined;
}

function fromObject(value: unknown): GraphQlParams | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.query !== 'string') return undefined;
  return { query: record.query, operationName: stringOrUndefined(record.operationName), variables: parseVariables(record.variables) };
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

function parseVariables(value: unknown): Record<string, unknown> | undefined {
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
