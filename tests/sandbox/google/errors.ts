/**
 * Google's JSON error body, as the Calendar API returns it
 * (https://developers.google.com/workspace/calendar/api/guides/errors).
 */
import type { SandboxReply } from '../core/types';

export interface GoogleErrorItem {
  domain: string;
  reason: string;
  message: string;
  location?: string;
  locationType?: string;
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  410: 'NOT_FOUND',
  412: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export const statusName = (code: number): string => STATUS_NAMES[code] ?? 'UNKNOWN';

/** An error reply whose top-level message is the first item's message unless given. */
export function googleError(
  code: number,
  items: GoogleErrorItem[],
  opts: { message?: string; headers?: Record<string, string> } = {},
): SandboxReply {
  const message = opts.message ?? items[0]?.message ?? 'Error';
  return {
    status: code,
    headers: opts.headers,
    body: { error: { code, message, errors: items, status: statusName(code) } },
  };
}

/** Thrown by handlers; the dispatcher turns it into the reply. */
export class GoogleApiError extends Error {
  constructor(
    readonly code: number,
    readonly items: GoogleErrorItem[],
    readonly headers?: Record<string, string>,
  ) {
    super(items[0]?.message ?? `HTTP ${code}`);
  }

  reply(): SandboxReply {
    return googleError(this.code, this.items, { headers: this.headers });
  }
}

export const badRequest = (message: string, reason = 'invalid', domain = 'global', location?: string): GoogleApiError =>
  new GoogleApiError(400, [{ domain, reason, message, ...(location ? { location, locationType: 'parameter' } : {}) }]);

export const requiredField = (message: string): GoogleApiError => badRequest(message, 'required');

export const notFound = (): GoogleApiError => new GoogleApiError(404, [{ domain: 'global', reason: 'notFound', message: 'Not Found' }]);

export const deleted = (): GoogleApiError =>
  new GoogleApiError(410, [{ domain: 'global', reason: 'deleted', message: 'Resource has been deleted' }]);

export const duplicate = (): GoogleApiError =>
  new GoogleApiError(409, [{ domain: 'global', reason: 'duplicate', message: 'The requested identifier already exists.' }]);

const WWW_AUTHENTICATE = 'Bearer realm="https://accounts.google.com/", error="invalid_token"';

export const invalidCredentials = (): SandboxReply =>
  googleError(
    401,
    [{ message: 'Invalid Credentials', domain: 'global', reason: 'authError', location: 'Authorization', locationType: 'header' }],
    {
      message:
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
      headers: { 'www-authenticate': WWW_AUTHENTICATE },
    },
  );

export const insufficientScopes = (scopes: readonly string[]): SandboxReply =>
  googleError(403, [{ message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' }], {
    message: 'Request had insufficient authentication scopes.',
    headers: {
      'www-authenticate': `Bearer realm="https://accounts.google.com/", error="insufficient_scope", scope="${scopes.join(' ')}"`,
    },
  });

/** The generic body for a status with a code word, as used for injected faults. */
export function errorForStatus(status: number, code: string, message: string, headers?: Record<string, string>): SandboxReply {
  if (status === 401) {
    const reply = invalidCredentials();
    return { ...reply, headers: { ...reply.headers, ...headers } };
  }
  const domain = status === 429 || code.endsWith('RateLimitExceeded') || code === 'rateLimitExceeded' ? 'usageLimits' : 'global';
  return googleError(status, [{ domain, reason: code, message }], { headers });
}
