/** A provider's OAuth endpoints and Ferry's client registration, in oauth4webapi's terms. */
import * as oauth from 'oauth4webapi';
import type { OAuthProviderDescriptor } from '../../../model/adapter';
import { clientIds, providerUrl } from '../build-config';

/**
 * oauth4webapi's hook for an issuer known only once the ID token arrives (openid-client sets it for Entra ID).
 * Multi-tenant authorities such as Microsoft's `/common` issue ID tokens naming the person's own tenant,
 * `https://login.microsoftonline.com/{tenantid}/v2.0`:
 * https://learn.microsoft.com/en-us/entra/identity-platform/id-tokens#validate-tokens
 */
const expectedIssuer = (oauth as unknown as { _expectedIssuer?: symbol })._expectedIssuer;

export function authorizationServer(provider: OAuthProviderDescriptor): oauth.AuthorizationServer {
  const { authorizeUrl, tokenUrl } = provider.auth;
  if (!tokenUrl) throw new Error(`Ferry does not know ${provider.name}'s token endpoint.`);
  const origin = new URL(authorizeUrl).origin;
  const server = {
    issuer: origin,
    authorization_endpoint: providerUrl(authorizeUrl),
    token_endpoint: providerUrl(tokenUrl),
  };
  if (!expectedIssuer) return server;
  const fromThisAuthority = (iss: string) => iss.startsWith(`${origin}/`) || iss.startsWith(providerUrl(`${origin}/`));
  return Object.assign(server, {
    [expectedIssuer]: ({ claims }: { claims: { iss?: unknown } }) =>
      typeof claims.iss === 'string' && fromThisAuthority(claims.iss) ? claims.iss : origin,
  });
}

export function oauthClient(provider: OAuthProviderDescriptor): oauth.Client {
  return { client_id: clientId(provider), token_endpoint_auth_method: 'none' };
}

export function clientId(provider: OAuthProviderDescriptor): string {
  const id = clientIds[provider.id];
  if (!id) {
    throw new Error(
      `This build of Ferry has no OAuth client id for ${provider.name}; build it with FERRY_${provider.id.toUpperCase()}_CLIENT_ID set.`,
    );
  }
  return id;
}
