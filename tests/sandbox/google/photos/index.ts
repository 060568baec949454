/**
 * Google Photos in the Google sandbox: the Picker API (photospicker.googleapis.com) with its picking page
 * (photos.google.com), the Library API and uploads (photoslibrary.googleapis.com), and media bytes at base
 * URLs (lh3.googleusercontent.com, whose `/contacts-photo/` paths are the People sandbox's).
 */
import type { SandboxDataType, SandboxReply, SandboxRequest } from '../../core/types';
import type { GoogleDataTypeDeps } from '../data-types';
import { dumpLibrary, seedLibrary } from './archive';
import { CONTENT_HOST, createContentHost } from './content-host';
import { createLibraryApi, mediaItemJson } from './library-api';
import { PICKER_HOST, PICKER_PAGE_HOST, createPickerApi, sessionJson } from './picker-api';
import { createPickerPage } from './picker-page';
import { PerMinuteQuota, perMinuteFromEnv } from './quota';
import { PhotosLibrary } from './store';
import { LIBRARY_HOST, createUploads, uploadStatus } from './uploads';

export function createGooglePhotos(deps: GoogleDataTypeDeps): SandboxDataType & { library: PhotosLibrary } {
  const library = new PhotosLibrary();
  const shared = { ctx: deps.ctx, library, now: deps.now };
  const quota = new PerMinuteQuota(perMinuteFromEnv(process.env.FERRY_SANDBOX_PHOTOS_PER_MINUTE), deps.now);
  const libraryApi = createLibraryApi({ ...shared, writeMs: Number(process.env.FERRY_SANDBOX_PHOTOS_WRITE_MS ?? 20) }, quota);
  const uploads = createUploads(shared);
  const pickerApi = createPickerApi(shared);
  const pickerPage = createPickerPage(shared);
  const contentHost = createContentHost(shared);

  async function handle(req: SandboxRequest): Promise<SandboxReply | undefined> {
    switch (req.host) {
      case PICKER_HOST:
        return pickerApi(req);
      case PICKER_PAGE_HOST:
        return pickerPage(req);
      case CONTENT_HOST:
        return contentHost(req);
      case LIBRARY_HOST:
        if (req.path === '/v1/uploads') return uploads(req);
        return libraryApi(req);
      default:
        return undefined;
    }
  }

  return {
    name: 'photos',
    hosts: [PICKER_HOST, PICKER_PAGE_HOST, LIBRARY_HOST, CONTENT_HOST],
    library,
    handle,
    seed: (dataDir) => seedLibrary(library, dataDir, deps.now()),
    dump: (outDir) => dumpLibrary(library, outDir),
    snapshot: () => {
      const json = { ctx: deps.ctx, library, now: deps.now, writeMs: 0 };
      return {
        mediaItems: library.library().map((item) => ({ ...mediaItemJson(json, item), appCreatedBy: item.createdBy ?? null })),
        albums: [...library.albums.values()].map((a) => ({ id: a.id, title: a.title, mediaItemIds: [...a.itemIds], appCreatedBy: a.createdBy ?? null })),
        sessions: [...library.sessions.values()].map((s) => ({ ...sessionJson(json, s), deleted: s.deleted, picked: s.picked ?? [] })),
        uploadSessions: [...library.resumable.values()].map((u) => ({
          fileName: u.fileName === undefined ? null : decodeURIComponent(u.fileName),
          size: u.declaredSize ?? null,
          received: u.received,
          bytesReceived: u.bytesReceived,
          bytesCutOff: u.bytesCutOff,
          status: uploadStatus(u),
        })),
      };
    },
    reset: () => {
      library.reset();
      quota.reset();
    },
  };
}
