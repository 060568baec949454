/**
 * Graph's error shape (https://learn.microsoft.com/graph/errors):
 * `{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}`.
 */
import { randomUUID } from 'node:crypto';
import type { SandboxReply } from '../../core/types';

export const GRAPH_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** A Graph error a handler throws; the router turns it into the reply. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface RequestIds {
  requestId: string;
  clientRequestId: string;
}

export const requestIds = (headers: Record<string, string>): RequestIds => {
  const requestId = randomUUID();
  return { requestId, clientRequestId: headers['client-request-id'] ?? requestId };
};

export const graphErrorReply = (
  status: number,
  code: string,
  message: string,
  ids: RequestIds = requestIds({}),
  headers: Record<string, string> = {},
): SandboxReply => ({
  status,
  headers: {
    'content-type': 'application/json; charset=utf-8',
    'request-id': ids.requestId,
    'client-request-id': ids.clientRequestId,
    ...headers,
  },
  body: {
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
        'request-id': ids.requestId,
        'client-request-id': ids.clientRequestId,
      },
    },
  },
});

export const notFound = (): GraphError =>
  new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');

export const badRequest = (code: string, message: string): GraphError => new GraphError(400, code, message);
