/**
 * The identity platform's error shapes: JSON from the token endpoint, query/fragment parameters on a
 * redirect, and an HTML page when the redirect URI itself cannot be trusted.
 * https://learn.microsoft.com/entra/identity-platform/reference-error-codes
 */
import { randomUUID } from 'node:crypto';
import type { SandboxReply } from '../../core/types';
import { htmlPage, escapeHtml } from './html';

export interface AadError {
  error: string;
  code: number;
  message: string;
}

export const aad = (error: string, code: number, message: string): AadError => ({ error, code, message });

const timestamp = (): string => new Date().toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');

export const tokenErrorReply = (status: number, e: AadError, headers: Record<string, string> = {}): SandboxReply => {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const time = timestamp();
  return {
    status,
    headers: { 'cache-control': 'no-store', pragma: 'no-cache', ...headers },
    body: {
      error: e.error,
      error_description: `AADSTS${e.code}: ${e.message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${time}`,
      error_codes: [e.code],
      timestamp: time,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${e.code}`,
    },
  };
};

/** Sent back to the client's redirect URI, in the query or the fragment as `response_mode` asks. */
export const redirectWithParams = (
  redirectUri: string,
  params: Record<string, string | undefined>,
  responseMode: 'query' | 'fragment',
  headers: Record<string, string> = {},
): SandboxReply => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, value);
  const url = new URL(redirectUri);
  if (responseMode === 'fragment') url.hash = search.toString();
  else for (const [key, value] of search) url.searchParams.append(key, value);
  return { status: 302, headers: { location: url.toString(), 'cache-control': 'no-store', ...headers } };
};

export const redirectWithError = (
  redirectUri: string,
  e: AadError,
  state: string | undefined,
  responseMode: 'query' | 'fragment',
): SandboxReply =>
  redirectWithParams(
    redirectUri,
    { error: e.error, error_description: `AADSTS${e.code}: ${e.message}`, error_uri: `https://login.microsoftonline.com/error?code=${e.code}`, state },
    responseMode,
  );

/** Microsoft shows this page instead of redirecting when the client or its redirect URI is not trusted. */
export const errorPage = (e: AadError): SandboxReply =>
  htmlPage(
    400,
    'Sign in',
    `<h1>Sorry, but we're having trouble signing you in.</h1>
<p role="alert">AADSTS${e.code}: ${escapeHtml(e.message)}</p>`,
  );
