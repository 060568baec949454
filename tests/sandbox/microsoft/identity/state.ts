/**
 * What the authorisation server remembers between requests: authorisation requests waiting on the
 * consent page, issued codes, the person's consents and sign-in sessions, and when each SPA refresh
 * token chain began (its 24-hour lifetime is never extended by rotation).
 */
import { randomBytes } from 'node:crypto';

export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state?: string;
  nonce?: string;
  codeChallenge: string;
  responseMode: 'query' | 'fragment';
}

export interface IssuedCode extends AuthorizationRequest {
  issuedAt: number;
  redeemed: boolean;
}

export interface RefreshChain {
  clientId: string;
  startedAt: number;
  nonce?: string;
}

export const newOpaque = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export class IdentityState {
  readonly pending = new Map<string, AuthorizationRequest>();
  readonly codes = new Map<string, IssuedCode>();
  readonly sessions = new Set<string>();
  /** Scopes the person has consented to, by client id. */
  readonly consents = new Map<string, Set<string>>();
  readonly refreshChains = new Map<string, RefreshChain>();

  consented(clientId: string, scopes: readonly string[]): boolean {
    const granted = this.consents.get(clientId);
    return !!granted && scopes.every((s) => granted.has(s));
  }

  recordConsent(clientId: string, scopes: readonly string[]): void {
    const granted = this.consents.get(clientId) ?? new Set<string>();
    for (const s of scopes) granted.add(s);
    this.consents.set(clientId, granted);
  }

  reset(): void {
    this.pending.clear();
    this.codes.clear();
    this.sessions.clear();
    this.consents.clear();
    this.refreshChains.clear();
  }
}

export const SESSION_COOKIE = 'ferry-sandbox-msa-session';

export const sessionFromCookie = (cookieHeader: string | undefined): string | undefined =>
  cookieHeader
    ?.split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === SESSION_COOKIE)?.[1];
