/** The registry: the engine and the UI know providers only through it. */
import { isOAuthProvider, type OAuthProviderDescriptor, type ProviderDescriptor, type ProviderId } from '../model/adapter';
import { facebook } from './facebook/descriptor';
import { google } from './google/descriptor';
import { instagram } from './instagram/descriptor';
import { microsoft } from './microsoft/descriptor';
import { takeout } from './takeout/descriptor';

export const providers: readonly ProviderDescriptor[] = [google, microsoft, takeout, instagram, facebook];

export function providerById(id: ProviderId): ProviderDescriptor {
  const provider = providers.find((p) => p.id === id);
  if (!provider) throw new Error(`Unknown provider "${id}"`);
  return provider;
}

/** A provider people sign in to with OAuth (the auth module's only kind so far). */
export function oauthProviderById(id: ProviderId): OAuthProviderDescriptor {
  const provider = providerById(id);
  if (!isOAuthProvider(provider)) throw new Error(`${provider.name} does not sign in with OAuth`);
  return provider;
}
