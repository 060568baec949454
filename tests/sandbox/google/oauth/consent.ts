/**
 * What the sandbox's Google authorisation server remembers between requests: signed-in browser sessions
 * (the `SID` cookie), the scopes the account has granted to each client, and authorisation requests waiting
 * on the consent page. A grant revoked through the token store (revoke endpoint or fault injection) no longer
 * counts as consent, so silent re-authorisation (`prompt=none`) fails afterwards, as at Google.
 */
import { randomBytes } from 'node:crypto';
import type { TokenStore } from '../../core/types';

export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state?: string;
  includeGrantedScopes: boolean;
}

interface ClientConsent {
  scopes: Set<string>;
  /** Access tokens issued under this consent; revoking any of them revokes the consent. */
  tokens: Set<string>;
  revoked: boolean;
}

export class GoogleConsentStore {
  private readonly sessions = new Set<string>();
  private readonly consents = new Map<string, ClientConsent>();
  private readonly pending = new Map<string, AuthorizationRequest>();

  constructor(private readonly tokens: TokenStore) {}

  signIn(): string {
    const sid = randomBytes(24).toString('base64url');
    this.sessions.add(sid);
    return sid;
  }

  isSignedIn(sid: string | undefined): boolean {
    return sid !== undefined && this.sessions.has(sid);
  }

  /** Scopes granted to the client and still in force (empty when never granted or revoked). */
  grantedScopes(clientId: string): Set<string> {
    const consent = this.consents.get(clientId);
    if (!consent || consent.revoked || this.grantWasRevoked(consent)) return new Set();
    return consent.scopes;
  }

  covers(clientId: string, scopes: readonly string[]): boolean {
    const granted = this.grantedScopes(clientId);
    return scopes.every((s) => granted.has(s));
  }

  /** Records an approval and returns the scopes the new token carries. */
  approve(request: AuthorizationRequest): string[] {
    const previous = this.grantedScopes(request.clientId);
    const consent: ClientConsent = { scopes: new Set([...previous, ...request.scopes]), tokens: new Set(), revoked: false };
    this.consents.set(request.clientId, consent);
    return request.includeGrantedScopes ? [...consent.scopes] : [...request.scopes];
  }

  rememberToken(clientId: string, accessToken: string): void {
    this.consents.get(clientId)?.tokens.add(accessToken);
  }

  /** The revoke endpoint: the consent that issued this token is withdrawn. */
  revokeByToken(token: string): void {
    for (const consent of this.consents.values()) if (consent.tokens.has(token)) consent.revoked = true;
  }

  park(request: AuthorizationRequest): string {
    const id = randomBytes(18).toString('base64url');
    this.pending.set(id, request);
    return id;
  }

  /** A parked request can be answered once. */
  take(id: string): AuthorizationRequest | undefined {
    const request = this.pending.get(id);
    this.pending.delete(id);
    return request;
  }

  reset(): void {
    this.sessions.clear();
    this.consents.clear();
    this.pending.clear();
  }

  private grantWasRevoked(consent: ClientConsent): boolean {
    for (const token of consent.tokens) {
      const check = this.tokens.check('google', `Bearer ${token}`, []);
      if (!check.ok && (check.reason === 'revoked' || check.reason === 'invalid')) return true;
    }
    return false;
  }
}
