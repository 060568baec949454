/**
 * How a provider's sandbox plugs into the one sandbox server (tests/sandbox/server.ts).
 * The server routes `<origin>/<real host>/<path>` to the provider that owns `<real host>`, after
 * applying injected faults and the request log; the provider answers as the real API would.
 */
import type { Readable } from 'node:stream';
import type { FaultPlan } from './faults';
import type { RequestLog } from './request-log';

export type ProviderName = 'google' | 'microsoft';

export interface SandboxRequest {
  method: string;
  /** The real host the request is meant for, e.g. `graph.microsoft.com`. */
  host: string;
  /** Path below the host, e.g. `/v1.0/me/events` (percent-decoded segments are the provider's job). */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The whole body (the server reads it before dispatching unless `stream` is used first). */
  body(): Promise<Buffer>;
  /** The raw body stream, for uploads that must not be buffered. */
  stream: Readable;
}

export interface SandboxReply {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON (`application/json; charset=utf-8` unless a content-type is given). */
  body?: string | Buffer | Readable | object;
}

export interface SandboxContext {
  /** `https://127.0.0.1:<port>` */
  origin: string;
  /** `<origin>/<host>`: what the provider's real `https://<host>` is in this sandbox (for nextLink, Location…). */
  hostUrl(host: string): string;
  tokens: TokenStore;
  /** Redirect URIs Ferry has registered, by provider: `https://<extension id>.chromiumapp.org/<provider>`. */
  redirectUris: Record<ProviderName, string[]>;
  clientIds: Record<ProviderName, string>;
  /**
   * The injected faults, for a provider that unpacks requests carried inside one (a Graph $batch): the server
   * applies them to the HTTP exchange, the provider to each request inside.
   */
  faults?: FaultPlan;
  /** The request log, where such a provider records each request inside, as the server records its own. */
  requestLog?: RequestLog;
}

export interface ProviderSandbox {
  readonly name: ProviderName;
  /** Real hosts this provider serves (`accounts.google.com`, `www.googleapis.com`, …). */
  readonly hosts: readonly string[];
  handle(req: SandboxRequest): Promise<SandboxReply>;
  /** The provider's own error body for a status (used for injected faults and auth failures). */
  errorReply(status: number, code: string, message: string, headers?: Record<string, string>): SandboxReply;
  /** Load the account from the archive layout (`calendar/*.ics`, …). */
  seed(dataDir: string): Promise<void>;
  /** Write the account back in the same layout. */
  dump(outDir: string): Promise<void>;
  /** The account's content as the provider's own JSON, for tests to assert on field by field. */
  snapshot(): unknown;
  reset(): void;
  /** Forgets the requests counted against rate limits, content kept (a benchmark's baseline ran at another time). */
  resetLimits?(): void;
}

export interface Grant {
  provider: ProviderName;
  clientId: string;
  account: string;
  scopes: string[];
  revoked: boolean;
}

/**
 * `insufficient-scope`: the token is valid but its grant holds none of the scopes asked for
 * (Google answers 403 insufficientPermissions, Graph 403 ErrorAccessDenied / Authorization_RequestDenied).
 */
export type TokenCheck =
  | { ok: true; grant: Grant }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' | 'revoked' | 'insufficient-scope' };

export interface TokenStore {
  /** A new grant with an access token (and a refresh token when asked). */
  issue(grant: Omit<Grant, 'revoked'>, opts: { expiresInSec: number; refresh: boolean }): {
    accessToken: string;
    refreshToken?: string;
    expiresInSec: number;
  };
  /** Check `Authorization: Bearer …` and that the grant holds every scope in `anyOf` (one of them suffices). */
  check(provider: ProviderName, authorization: string | undefined, anyOf: readonly string[]): TokenCheck;
  /** Rotate: a new access (and refresh) token for a refresh token; null when the refresh token is unknown or revoked. */
  refresh(provider: ProviderName, refreshToken: string, expiresInSec: number): { accessToken: string; refreshToken: string; grant: Grant } | null;
  revokeToken(provider: ProviderName, token: string): boolean;
  /** Fault injection: every live access token of the provider expires now. */
  expireAll(provider: ProviderName): void;
  /** Fault injection: every grant of the provider is revoked (refresh fails with invalid_grant). */
  revokeAll(provider: ProviderName): void;
}

/**
 * One data type's API inside a provider's sandbox (contacts, tasks, mail, photos), so each lives in its own
 * folder and the provider's index only lists them. Each owns its slice of the archive layout and the snapshot.
 */
export interface SandboxDataType {
  /** Key of its part in the provider's snapshot (`contacts`, `tasks`, `mail`, `photos`). */
  readonly name: string;
  /** Real hosts only this data type serves (`people.googleapis.com`, `photospicker.googleapis.com`…). */
  readonly hosts: readonly string[];
  /** Its answer when the request is its own, else undefined (the provider asks the next one). */
  handle(req: SandboxRequest): Promise<SandboxReply | undefined>;
  /** Adds its part of the archive layout under `dataDir` (the account was reset before). */
  seed(dataDir: string): Promise<void>;
  dump(outDir: string): Promise<void>;
  snapshot(): unknown;
  reset(): void;
}
