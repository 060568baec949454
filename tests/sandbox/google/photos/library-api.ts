/**
 * The Photos Library API as it stands since 31 March 2025 (https://developers.google.com/photos/support/updates):
 * an app adds photos and albums (scope photoslibrary.appendonly) and sees only what it created itself
 * (photoslibrary.readonly.appcreateddata). Served: albums.list / get / create, mediaItems.get / list / search
 * and mediaItems:batchCreate (≤ 50 items, serial per user: a second one while one runs gets 429).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { exifInstant, jpegDimensions, readExif } from '../../../../model/exif';
import type { Grant, SandboxContext, SandboxReply, SandboxRequest } from '../../core/types';
import { pathSegments } from '../http';
import { APPEND_SCOPE, READ_APP_CREATED_SCOPE, authorise } from './auth';
import { baseUrlOf } from './content-host';
import { RpcError, invalidArgument, notFound, resourceExhausted } from './errors';
import { readBody } from './json-body';
import type { PhotosLibrary, StoredAlbum, StoredMediaItem } from './store';
import { LIBRARY_HOST } from './uploads';

export const MAX_BATCH_CREATE = 50;
const MAX_DESCRIPTION = 1000;
const MAX_ALBUM_TITLE = 500;
const MAX_ALBUM_ITEMS = 20_000;

interface LibraryDeps {
  ctx: SandboxContext;
  library: PhotosLibrary;
  now: () => number;
  /** How long a batchCreate holds the user's write slot (env FERRY_SANDBOX_PHOTOS_WRITE_MS, default 20). */
  writeMs: number;
}

interface BatchCreateBody {
  albumId?: string;
  newMediaItems?: { description?: string; simpleMediaItem?: { uploadToken?: string; fileName?: string } }[];
  albumPosition?: { position?: string; relativeMediaItemId?: string; relativeEnrichmentItemId?: string };
}

interface SearchBody {
  albumId?: string;
  pageSize?: number | string;
  pageToken?: string;
  filters?: object;
  orderBy?: string;
}

export function mediaItemJson(deps: LibraryDeps, item: StoredMediaItem): Record<string, unknown> {
  const video = item.mimeType.startsWith('video/');
  return {
    id: item.id,
    ...(item.description && { description: item.description }),
    productUrl: `https://photos.google.com/lr/photo/${item.id}`,
    baseUrl: baseUrlOf(deps.ctx, deps.library, item.id, deps.now()),
    mimeType: item.mimeType,
    mediaMetadata: {
      creationTime: item.creationTime,
      ...(item.width && { width: String(item.width) }),
      ...(item.height && { height: String(item.height) }),
      ...(video ? { video: { status: 'READY' } } : { photo: {} }),
    },
    filename: item.filename,
  };
}

function albumJson(deps: LibraryDeps, album: StoredAlbum): Record<string, unknown> {
  const cover = album.itemIds[0];
  return {
    id: album.id,
    title: album.title,
    productUrl: `https://photos.google.com/lr/album/${album.id}`,
    isWriteable: true,
    ...(album.itemIds.length && { mediaItemsCount: String(album.itemIds.length) }),
    ...(cover && { coverPhotoBaseUrl: baseUrlOf(deps.ctx, deps.library, cover, deps.now()), coverPhotoMediaItemId: cover }),
  };
}

const pageToken = (offset: number): string => Buffer.from(`o:${offset}`).toString('base64url');
function readPageToken(token: string | null | undefined): number {
  if (!token) return 0;
  const m = /^o:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!m) throw invalidArgument('Invalid page token.');
  return Number(m[1]);
}

function pageSize(raw: unknown, fallback: number, max: number): number {
  if (raw === undefined || raw === null || raw === '' || Number(raw) === 0) return fallback;
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 0) throw invalidArgument('pageSize must be a positive number.');
  return Math.min(size, max);
}

function page<T>(list: T[], offset: number, size: number, key: string): Record<string, unknown> {
  const slice = list.slice(offset, offset + size);
  return { ...(slice.length && { [key]: slice }), ...(offset + size < list.length && { nextPageToken: pageToken(offset + size) }) };
}

/** Lists and searches reach only what this app created. */
const ownAlbum = (library: PhotosLibrary, id: string | undefined, grant: Grant): StoredAlbum => {
  const album = id ? library.albums.get(id) : undefined;
  if (!album || album.createdBy !== grant.clientId) throw invalidArgument('Invalid album ID or the album was not created by this app.');
  return album;
};

const ownItems = (library: PhotosLibrary, grant: Grant): StoredMediaItem[] => library.library().filter((i) => i.createdBy === grant.clientId);

async function createAlbum(deps: LibraryDeps, req: SandboxRequest, grant: Grant): Promise<object> {
  const body = await readBody<{ album?: { title?: string; id?: string } }>(req, 'CreateAlbumRequest');
  const title = body.album?.title;
  if (!body.album || body.album.id) throw invalidArgument('Request must contain an album without an id.');
  if (!title) throw invalidArgument('Album title is required.');
  if (title.length > MAX_ALBUM_TITLE) throw invalidArgument(`Album title must be at most ${MAX_ALBUM_TITLE} characters.`);
  return albumJson(deps, deps.library.addAlbum(title, grant.clientId));
}

function createOne(deps: LibraryDeps, grant: Grant, entry: NonNullable<BatchCreateBody['newMediaItems']>[number]): { item?: StoredMediaItem; error?: string } {
  const token = entry.simpleMediaItem?.uploadToken;
  const upload = token ? deps.library.uploads.get(token) : undefined;
  if (!upload || upload.clientId !== grant.clientId || deps.now() >= upload.expiresAt) return { error: 'NOT_FOUND: The upload token is unknown, used already or expired.' };
  if ((entry.description ?? '').length > MAX_DESCRIPTION) return { error: `INVALID_ARGUMENT: The description must be at most ${MAX_DESCRIPTION} characters.` };
  const fileName = entry.simpleMediaItem?.fileName ?? upload.fileName ?? 'Untitled';
  if (fileName.length > 255) return { error: 'INVALID_ARGUMENT: The file name must be shorter than 255 characters.' };
  deps.library.uploads.delete(upload.token);
  const photo = !upload.mimeType.startsWith('video/');
  const size = photo ? jpegDimensions(upload.bytes) : undefined;
  const taken = photo ? exifInstant(readExif(upload.bytes)) : undefined;
  const item = deps.library.addItem({
    filename: fileName,
    mimeType: upload.mimeType,
    bytes: upload.bytes,
    creationTime: new Date(taken ? Date.parse(taken) : deps.now()).toISOString(),
    createdBy: grant.clientId,
    ...(entry.description && { description: entry.description }),
    ...(size && { width: size.width, height: size.height }),
  });
  return { item };
}

function insertAt(album: StoredAlbum, ids: string[], position: BatchCreateBody['albumPosition']): void {
  const kind = position?.position ?? 'LAST_IN_ALBUM';
  if (kind === 'FIRST_IN_ALBUM') album.itemIds.unshift(...ids);
  else if (kind === 'AFTER_MEDIA_ITEM') album.itemIds.splice(album.itemIds.indexOf(position!.relativeMediaItemId!) + 1, 0, ...ids);
  else album.itemIds.push(...ids);
}

function checkPosition(album: StoredAlbum | undefined, position: BatchCreateBody['albumPosition']): void {
  if (!position) return;
  if (!album) throw invalidArgument('albumPosition needs an albumId.');
  const kinds = ['POSITION_TYPE_UNSPECIFIED', 'FIRST_IN_ALBUM', 'LAST_IN_ALBUM', 'AFTER_MEDIA_ITEM', 'AFTER_ENRICHMENT_ITEM'];
  if (!kinds.includes(position.position ?? '')) throw invalidArgument(`Invalid value at 'album_position.position', "${position.position}"`);
  if (position.position === 'AFTER_ENRICHMENT_ITEM') throw invalidArgument('The album has no such enrichment item.');
  if (position.position === 'AFTER_MEDIA_ITEM' && !album.itemIds.includes(position.relativeMediaItemId ?? '')) {
    throw invalidArgument('relativeMediaItemId is not in the album.');
  }
}

async function batchCreate(deps: LibraryDeps, req: SandboxRequest, grant: Grant): Promise<object> {
  const body = await readBody<BatchCreateBody>(req, 'BatchCreateMediaItemsRequest');
  const entries = body.newMediaItems ?? [];
  if (entries.length === 0) throw invalidArgument('Request must contain at least one newMediaItem.');
  if (entries.length > MAX_BATCH_CREATE) throw invalidArgument(`Request must contain fewer than ${MAX_BATCH_CREATE + 1} media items.`);
  const album = body.albumId === undefined ? undefined : ownAlbum(deps.library, body.albumId, grant);
  checkPosition(album, body.albumPosition);
  if (album && album.itemIds.length + entries.length > MAX_ALBUM_ITEMS) throw invalidArgument(`An album can hold at most ${MAX_ALBUM_ITEMS} media items.`);
  // "Create media items serially for each user" (upload-media, best practices); a concurrent call is refused.
  if (deps.library.writing.has(grant.account)) throw resourceExhausted('Concurrent write request: create media items for a user one batchCreate at a time.', 1);
  deps.library.writing.add(grant.account);
  try {
    await sleep(deps.writeMs);
    const results = entries.map((entry) => ({ entry, ...createOne(deps, grant, entry) }));
    const created = results.flatMap((r) => (r.item ? [r.item.id] : []));
    if (album && created.length) insertAt(album, created, body.albumPosition);
    return {
      newMediaItemResults: results.map(({ entry, item, error }) => ({
        uploadToken: entry.simpleMediaItem?.uploadToken,
        status: item ? { message: 'Success' } : { code: 3, message: error },
        ...(item && { mediaItem: mediaItemJson(deps, item) }),
      })),
    };
  } finally {
    deps.library.writing.delete(grant.account);
  }
}

async function search(deps: LibraryDeps, req: SandboxRequest, grant: Grant): Promise<object> {
  const body = await readBody<SearchBody>(req, 'SearchMediaItemsRequest');
  if (body.albumId && body.filters) throw invalidArgument('An albumId and filters cannot both be set.');
  if (body.orderBy && !body.filters) throw invalidArgument('orderBy needs a dateFilter.');
  const items = body.albumId
    ? ownAlbum(deps.library, body.albumId, grant).itemIds.map((id) => deps.library.items.get(id)!)
    : ownItems(deps.library, grant);
  const size = pageSize(body.pageSize, 25, 100);
  return page(items.map((i) => mediaItemJson(deps, i)), readPageToken(body.pageToken), size, 'mediaItems');
}

function route(deps: LibraryDeps, req: SandboxRequest): { scopes: string[]; run: (grant: Grant) => Promise<object> | object } {
  const [version, resource, id, ...rest] = pathSegments(req.path);
  if (version !== 'v1' || rest.length) throw notFound();
  const read = [READ_APP_CREATED_SCOPE];
  const append = [APPEND_SCOPE];
  const { method } = req;
  if (resource === 'albums' && id === undefined && method === 'GET') {
    return {
      scopes: read,
      run: (grant) => {
        const albums = [...deps.library.albums.values()].filter((a) => a.createdBy === grant.clientId).map((a) => albumJson(deps, a));
        return page(albums, readPageToken(req.query.get('pageToken')), pageSize(req.query.get('pageSize'), 20, 50), 'albums');
      },
    };
  }
  if (resource === 'albums' && id === undefined && method === 'POST') return { scopes: append, run: (grant) => createAlbum(deps, req, grant) };
  if (resource === 'albums' && id !== undefined && method === 'GET') return { scopes: read, run: (grant) => albumJson(deps, ownAlbum(deps.library, id, grant)) };
  if (resource === 'mediaItems:batchCreate' && id === undefined && method === 'POST') return { scopes: append, run: (grant) => batchCreate(deps, req, grant) };
  if (resource === 'mediaItems:search' && id === undefined && method === 'POST') return { scopes: read, run: (grant) => search(deps, req, grant) };
  if (resource === 'mediaItems' && id === undefined && method === 'GET') {
    return {
      scopes: read,
      run: (grant) => page(ownItems(deps.library, grant).map((i) => mediaItemJson(deps, i)), readPageToken(req.query.get('pageToken')), pageSize(req.query.get('pageSize'), 25, 100), 'mediaItems'),
    };
  }
  if (resource === 'mediaItems' && id !== undefined && method === 'GET') {
    return {
      scopes: read,
      run: (grant) => {
        const item = deps.library.items.get(id);
        if (!item || item.createdBy !== grant.clientId) throw notFound();
        return mediaItemJson(deps, item);
      },
    };
  }
  throw notFound();
}

export function createLibraryApi(deps: LibraryDeps, quota: { take(account: string): void }) {
  return async (req: SandboxRequest): Promise<SandboxReply> => {
    try {
      const { scopes, run } = route(deps, req);
      const grant = authorise(deps.ctx.tokens, req, scopes, LIBRARY_HOST);
      quota.take(grant.account);
      return { status: 200, body: await run(grant) };
    } catch (error) {
      if (error instanceof RpcError) return error.reply();
      throw error;
    }
  };
}
