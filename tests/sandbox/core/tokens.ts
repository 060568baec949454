/**
 * The sandbox's token store: opaque random bearer tokens bound to grants, shared by every provider's
 * authorisation server and API. Fault injection expires or revokes them all at once.
 */
import { randomBytes } from 'node:crypto';
import type { Grant, ProviderName, TokenCheck, TokenStore } from './types';

interface TokenRecord {
  kind: 'access' | 'refresh';
  provider: ProviderName;
  grant: Grant;
  /** Epoch ms; refresh tokens do not expire here (they die with their grant). */
  expiresAt?: number;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

const newToken = (): string => randomBytes(32).toString('base64url');

export class SandboxTokenStore implements TokenStore {
  private readonly tokens = new Map<string, TokenRecord>();
  private grantList: Grant[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  issue(grant: Omit<Grant, 'revoked'>, opts: { expiresInSec: number; refresh: boolean }) {
    const record: Grant = { ...grant, scopes: [...grant.scopes], revoked: false };
    this.grantList.push(record);
    const accessToken = this.addAccessToken(record, opts.expiresInSec);
    if (!opts.refresh) return { accessToken, expiresInSec: opts.expiresInSec };
    const refreshToken = this.addRefreshToken(record);
    return { accessToken, refreshToken, expiresInSec: opts.expiresInSec };
  }

  check(provider: ProviderName, authorization: string | undefined, anyOf: readonly string[]): TokenCheck {
    const token = authorization?.match(BEARER)?.[1];
    if (!token) return { ok: false, reason: 'missing' };
    const record = this.tokens.get(token);
    if (!record || record.kind !== 'access' || record.provider !== provider) return { ok: false, reason: 'invalid' };
    if (record.grant.revoked) return { ok: false, reason: 'revoked' };
    if (record.expiresAt !== undefined && record.expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    if (anyOf.length > 0 && !anyOf.some((scope) => record.grant.scopes.includes(scope))) {
      return { ok: false, reason: 'insufficient-scope' };
    }
    return { ok: true, grant: publicGrant(record.grant) };
  }

  /**
   * Rotation: every use hands out a new refresh token. The old one stays usable until its grant is revoked,
   * as at Microsoft, where a client that crashed before storing the new token can still use the old one.
   */
  refresh(provider: ProviderName, refreshToken: string, expiresInSec: number) {
    const record = this.tokens.get(refreshToken);
    if (!record || record.kind !== 'refresh' || record.provider !== provider || record.grant.revoked) return null;
    return {
      accessToken: this.addAccessToken(record.grant, expiresInSec),
      refreshToken: this.addRefreshToken(record.grant),
      grant: publicGrant(record.grant),
    };
  }

  /** Revokes the token's whole grant, as Google's revoke endpoint does for an access or a refresh token. */
  revokeToken(provider: ProviderName, token: string): boolean {
    const record = this.tokens.get(token);
    if (!record || record.provider !== provider) return false;
    record.grant.revoked = true;
    return true;
  }

  expireAll(provider: ProviderName): void {
    const past = this.now() - 1;
    for (const record of this.tokens.values()) {
      if (record.provider === provider && record.kind === 'access') record.expiresAt = past;
    }
  }

  revokeAll(provider: ProviderName): void {
    for (const grant of this.grantList) if (grant.provider === provider) grant.revoked = true;
  }

  /** Grants issued so far (revoked ones included), for tests to assert on scopes and revocation. */
  grants(provider?: ProviderName): Grant[] {
    return this.grantList.filter((g) => !provider || g.provider === provider).map(publicGrant);
  }

  /** Every access and refresh token issued so far: the canaries a secrecy test looks for. */
  issuedTokens(provider?: ProviderName): string[] {
    return [...this.tokens].filter(([, r]) => !provider || r.provider === provider).map(([token]) => token);
  }

  /** Forgets every token and grant (of one provider, or of all). */
  reset(provider?: ProviderName): void {
    for (const [token, record] of this.tokens) if (!provider || record.provider === provider) this.tokens.delete(token);
    this.grantList = this.grantList.filter((grant) => provider !== undefined && grant.provider !== provider);
  }

  private addAccessToken(grant: Grant, expiresInSec: number): string {
    const token = newToken();
    this.tokens.set(token, { kind: 'access', provider: grant.provider, grant, expiresAt: this.now() + expiresInSec * 1000 });
    return token;
  }

  private addRefreshToken(grant: Grant): string {
    const token = newToken();
    this.tokens.set(token, { kind: 'refresh', provider: grant.provider, grant });
    return token;
  }
}

const publicGrant = ({ provider, clientId, account, scopes, revoked }: Grant): Grant => ({
  provider,
  clientId,
  account,
  scopes: [...scopes],
  revoked,
});
