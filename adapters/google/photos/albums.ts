/**
 * Ferry's own albums and their contents. Since 31 March 2025 an app can list only albums and items it created
 * (scope photoslibrary.readonly.appcreateddata), which is exactly what idempotent imports need to find.
 */
import type { AdapterContext } from '../../../model/adapter';
import { googleRequest, query } from '../client';
import type { Album, AlbumList, LibraryMediaItem, MediaItemSearch, MediaItemSearchResult } from './api-types';
import { LIBRARY_API } from './apis';

/** albums.list's largest page; mediaItems.search's (discovery document). */
const ALBUMS_PAGE = 50;
const SEARCH_PAGE = 100;

export async function listOwnAlbums(ctx: AdapterContext): Promise<Album[]> {
  const albums: Album[] = [];
  let pageToken: string | undefined;
  do {
    const url = `${LIBRARY_API}/albums${query({ pageSize: ALBUMS_PAGE, pageToken, excludeNonAppCreatedData: true })}`;
    const page = await googleRequest<AlbumList>(ctx, 'GET', url);
    albums.push(...(page.albums ?? []));
    pageToken = page.nextPageToken;
  } while (pageToken);
  return albums;
}

export const createAlbum = (ctx: AdapterContext, title: string): Promise<Album> =>
  googleRequest<Album>(ctx, 'POST', `${LIBRARY_API}/albums`, { album: { title } });

/** Every item Ferry created in the album (or in the whole library, without an album), in album order. */
export async function itemsIn(ctx: AdapterContext, albumId: string | undefined): Promise<LibraryMediaItem[]> {
  const items: LibraryMediaItem[] = [];
  let pageToken: string | undefined;
  do {
    const body: MediaItemSearch = { pageSize: SEARCH_PAGE };
    if (albumId) body.albumId = albumId;
    if (pageToken) body.pageToken = pageToken;
    const page = await googleRequest<MediaItemSearchResult>(ctx, 'POST', `${LIBRARY_API}/mediaItems:search`, body);
    items.push(...(page.mediaItems ?? []));
    pageToken = page.nextPageToken;
  } while (pageToken);
  return items;
}
