/**
 * An id_token shaped like the v2.0 endpoint's. Its signature is not verifiable: clients take id_tokens
 * straight from the token endpoint over TLS and need not check it (OpenID Connect Core §3.1.3.7).
 */
import { randomBytes } from 'node:crypto';
import { ALICE, TENANT_ID } from '../account';

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The v2.0 issuer for Contoso's directory. */
export const ISSUER = `https://login.microsoftonline.com/${TENANT_ID}/v2.0`;

export const idToken = (clientId: string, nowMs: number, nonce?: string): string => {
  const iat = Math.floor(nowMs / 1000);
  const header = { typ: 'JWT', alg: 'RS256', kid: 'ferry-sandbox' };
  const claims = {
    aud: clientId,
    iss: ISSUER,
    iat,
    nbf: iat,
    exp: iat + 3600,
    name: ALICE.displayName,
    oid: ALICE.id,
    preferred_username: ALICE.userPrincipalName,
    email: ALICE.mail,
    sub: 'Xq3hJ9Vt0bM2yK7rPz4sLwA6cD8eF1gH5iN0oQ2uR4',
    tid: TENANT_ID,
    ver: '2.0',
    ...(nonce !== undefined && { nonce }),
  };
  return `${b64(header)}.${b64(claims)}.${randomBytes(64).toString('base64url')}`;
};
