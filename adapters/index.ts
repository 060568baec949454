/** The registry: the engine and the UI know providers only through it. */
import type { ProviderDescriptor, ProviderId } from '../model/adapter';
import { facebook } from './facebook/descriptor';
import { google } from './google/descriptor';
import { instagram } from './instagram/descriptor';
import { microsoft } from './microsoft/descriptor';
import { caldav } from './caldav/descriptor';
import { carddav } from './carddav/descriptor';
import { webdav } from './webdav/descriptor';
import { archive } from './archive/descriptor';
import { takeout } from './takeout/descriptor';

export const providers: readonly ProviderDescriptor[] = [google, microsoft, archive, caldav, carddav, webdav, takeout, instagram, facebook];

export function providerById(id: ProviderId): ProviderDescriptor {
  const provider = providers.find((p) => p.id === id);
  if (!provider) throw new Error(`Unknown provider "${id}"`);
  return provider;
}
