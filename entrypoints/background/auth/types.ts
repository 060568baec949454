import type { AccountInfo, ProviderId } from '../../../model/adapter';

/** Google and Microsoft both issue one-hour tokens; a 401 renews earlier should a provider say nothing. */
export const DEFAULT_LIFETIME_SEC = 3600;

export interface AuthorizeOptions {
  interactive: boolean;
  /** The connected account, so a silent renewal picks it rather than another signed-in account. */
  loginHint?: string;
}

/** A bearer token as kept in session storage. */
export interface AccessGrant {
  accessToken: string;
  /** ms since epoch */
  expiresAt: number;
  /** Scopes the provider says it granted. */
  scopes: string[];
}

/** What an authorisation flow or a refresh hands back. */
export interface TokenGrant extends AccessGrant {
  refreshToken?: string;
}

/** Who is connected at a provider; kept in storage.local, never holds a token. */
export interface ConnectionRecord {
  provider: ProviderId;
  account: AccountInfo;
  /** Scopes as the provider reported them. */
  scopes: string[];
  /** Scopes as Ferry asked for them (renewals ask for the same). */
  requestedScopes: string[];
  needsReconnect: boolean;
  /** ms since epoch */
  connectedAt: number;
  /** A password connection's server, as the person typed it (checked): the address, never the password. */
  serverUrl?: string;
  /** A password connection's user name, to fill the form again when the password must be typed anew. */
  username?: string;
}
