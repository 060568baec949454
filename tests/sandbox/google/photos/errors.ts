/**
 * The error body of Google's newer gRPC-transcoded APIs (the Photos Library and Picker APIs): google.rpc.Status
 * as JSON, `{"error": {code, message, status, details?}}`, without the older `errors` list
 * (https://cloud.google.com/apis/design/errors#http_mapping).
 */
import type { SandboxReply } from '../../core/types';
import { statusName } from '../errors';

export interface ErrorInfo {
  reason: string;
  domain?: string;
  metadata?: Record<string, string>;
}

/** Thrown by the Photos handlers; the front end turns it into the reply. */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly info?: ErrorInfo,
    readonly headers?: Record<string, string>,
    readonly status = statusName(code),
  ) {
    super(message);
  }

  reply(): SandboxReply {
    const details = this.info ? [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', domain: 'googleapis.com', ...this.info }] : undefined;
    return {
      status: this.code,
      headers: { 'content-type': 'application/json; charset=UTF-8', ...this.headers },
      body: { error: { code: this.code, message: this.message, status: this.status, ...(details && { details }) } },
    };
  }
}

export const invalidArgument = (message: string): RpcError => new RpcError(400, message, undefined, undefined, 'INVALID_ARGUMENT');
export const failedPrecondition = (message: string): RpcError => new RpcError(400, message, undefined, undefined, 'FAILED_PRECONDITION');
export const notFound = (message = 'Requested entity was not found.'): RpcError => new RpcError(404, message);

export const unauthenticated = (): RpcError =>
  new RpcError(
    401,
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    { reason: 'ACCESS_TOKEN_TYPE_UNSUPPORTED' },
    { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
  );

export const insufficientScope = (service: string): RpcError =>
  new RpcError(403, 'Request had insufficient authentication scopes.', {
    reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
    metadata: { service, method: 'google.photos' },
  });

export const resourceExhausted = (message: string, retryAfterSeconds: number): RpcError =>
  new RpcError(429, message, { reason: 'RATE_LIMIT_EXCEEDED' }, { 'retry-after': String(retryAfterSeconds) });
