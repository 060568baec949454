/**
 * A OneDrive file's bytes, for photos and files (../files): a fresh `@microsoft.graph.downloadUrl` per download, fetched without a token and with a
 * Range. (Following `/content`'s 302 is not possible from an extension: a browser hides a redirect's Location.)
 */
import { AdapterError, type AdapterContext, type ContentStream } from '../../../model/adapter';
import { sendRequest } from '../../http';
import { contentFromResponse } from '../../media-stream';
import { graphError, graphRequest } from '../client';
import type { DriveItem } from './api-types';
import { DRIVE } from './drive';

/** The Graph URL of an item by id, which an exported item keeps as its downloadSource. */
export const itemUrl = (itemId: string): string => `${DRIVE}/items/${encodeURIComponent(itemId)}`;

/** The bytes of the item at `source` (its Graph URL) from byte `from`; `name` is for messages. */
export async function openDriveContent(ctx: AdapterContext, source: string, name: string, from = 0): Promise<ContentStream> {
  const found = await graphRequest<DriveItem>(ctx, 'GET', source);
  const link = found['@microsoft.graph.downloadUrl'];
  if (!link) throw new AdapterError(`OneDrive gave no download link for “${name}”; Ferry will try again.`, 'retry');
  const fetchAnonymously = ctx.anonymousFetch;
  if (!fetchAnonymously) throw new AdapterError('Ferry cannot download from OneDrive here: this context has no way to call a pre-authenticated link.', 'fatal');
  const response = await sendRequest({ ...ctx, fetch: fetchAnonymously }, 'Microsoft', link, { headers: from > 0 ? { range: `bytes=${from}-` } : {} });
  if (!response.ok) throw graphError(response.status, await response.text(), response.headers.get('retry-after'), Date.now(), DRIVE);
  return contentFromResponse(response, from, 'Microsoft');
}
