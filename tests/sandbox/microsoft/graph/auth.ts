/** Bearer-token checks with Graph's 401/403 answers (https://learn.microsoft.com/graph/errors). */
import type { ProviderName, TokenStore } from '../../core/types';
import { GraphError } from './errors';

export const READ_CALENDARS = ['Calendars.Read', 'Calendars.ReadWrite'] as const;
export const WRITE_CALENDARS = ['Calendars.ReadWrite'] as const;
export const READ_USER = ['User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All'] as const;

const WWW_AUTHENTICATE =
  'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';

const unauthorized = (message: string) => new GraphError(401, 'InvalidAuthenticationToken', message, { 'www-authenticate': WWW_AUTHENTICATE });

export const requireScopes = (tokens: TokenStore, authorization: string | undefined, anyOf: readonly string[]): void => {
  const provider: ProviderName = 'microsoft';
  const result = tokens.check(provider, authorization, anyOf);
  if (result.ok) return;
  switch (result.reason) {
    case 'missing':
      throw unauthorized('Access token is empty.');
    case 'invalid':
      throw unauthorized("IDX14100: JWT is not well formed, there are no dots (.). The token needs to be in JWS or JWE Compact Serialization Format. (JWS): 'EncodedHeader.EndcodedPayload.EncodedSignature'. (JWE): 'EncodedProtectedHeader.EncodedEncryptedKey.EncodedInitializationVector.EncodedCiphertext.EncodedAuthenticationTag'.");
    case 'expired':
    case 'revoked':
      throw unauthorized('Access token has expired or is not yet valid.');
    case 'insufficient-scope':
      throw anyOf === READ_USER
        ? new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.')
        : new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
  }
};
