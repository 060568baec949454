/**
 * The Google Photos adapter against the Google sandbox through the photos conformance suite. Exports go through
 * the Picker: the context's openPage answers the sandbox's picker page as a person would (every item, Done).
 */
import { GooglePhotosExporter } from '../../adapters/google/photos/export';
import { google } from '../../adapters/google/descriptor';
import type { DataTypeSupport, ProviderDescriptor } from '../../model/adapter';
import { GOOGLE_ACCOUNT } from '../sandbox/google/account';
import { createGoogleSandbox } from '../sandbox/google/index';
import { stripLocation } from '../sandbox/google/photos/strip-location';
import { startSandbox } from '../sandbox/server';
import { runPhotosConformance } from './photos.suite';
import { sandboxContext } from './sandbox-target';
import { pickEverything } from './picker-person';

/** Small pages, so a few dozen items take several (the adapter asks for 100). */
const PAGE_SIZE = 10;

const photos = google.dataTypes.photos as DataTypeSupport;
const provider: ProviderDescriptor = {
  ...google,
  dataTypes: { photos: { ...photos, export: { create: (ctx) => new GooglePhotosExporter(ctx, PAGE_SIZE) } } },
};

runPhotosConformance({
  name: 'google',
  provider,
  pageSize: PAGE_SIZE,
  // Google's `=d` download keeps all EXIF but the location (access-media-items, "Image base URLs").
  handedOut: (file, bytes) => (file.mimeType.startsWith('video/') ? bytes : stripLocation(bytes)),
  exportLosses: {
    description: 'the Picker API hands out no description',
    album: 'the Picker API does not say which albums an item is in',
    albumOrder: 'the Picker API lists items in the order picked, not in album order',
    location: 'Google removes the location from every photo it hands out',
  },
  importLosses: {},
  importedAlbum: (album) => album,
  isUploadChunk: (e) => e.host === 'photoslibrary.googleapis.com' && e.path === '/v1/uploads' && (e.query ?? '').includes('upload_id'),
  throttlePath: '^/photoslibrary\\.googleapis\\.com/v1/albums$',
  async open() {
    const sandbox = await startSandbox({ port: 0, providers: [(ctx) => createGoogleSandbox(ctx, { rateLimit: null })] });
    const { ctx, close } = sandboxContext(sandbox, 'google', google, photos, { tokenAccount: GOOGLE_ACCOUNT.email, contextAccount: GOOGLE_ACCOUNT.sub });
    ctx.openPage = (url) => pickEverything(ctx, url);
    const account = sandbox.providers.google;
    return {
      ctx,
      seed: async (dir) => {
        account.reset();
        await account.seed(dir);
      },
      reset: async () => {
        account.reset();
        sandbox.log.clear();
        sandbox.faults.clear();
      },
      dump: (dir) => account.dump(dir),
      log: () => sandbox.log.list('google'),
      fault: (spec) => void sandbox.faults.add({ provider: 'google', ...spec }),
      close,
    };
  },
});
