/** One entry to a provider's authorisation flow, whichever kind its descriptor declares. */
import type { OAuthProviderDescriptor } from '../../../model/adapter';
import { authorizeWithCode } from './code-flow';
import { authorizeWithTokenFlow } from './token-flow';
import type { AuthorizeOptions, TokenGrant } from './types';

export function authorize(
  provider: OAuthProviderDescriptor,
  scopes: readonly string[],
  options: AuthorizeOptions,
): Promise<TokenGrant> {
  return provider.auth.flow === 'code-pkce'
    ? authorizeWithCode(provider, scopes, options)
    : authorizeWithTokenFlow(provider, scopes, options);
}
