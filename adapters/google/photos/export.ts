/**
 * Exports what the person picks in Google Photos' picker: since 31 March 2025 the Library API lists only what
 * an app created, so the Picker API is the only way to read a library (developers.google.com/photos/support/updates).
 * Pages: (1) create a session and open the picker, (2) poll until Done, (3) list the picked items 100 at a
 * time, (4) delete the session. Each step's state is in the cursor, so a stopped worker resumes without a
 * second pick. Bytes come from each item's base URL with the bearer token, for 60 minutes after listing.
 */
import { AdapterError, type AdapterContext, type Container, type ContentStream, type ExportPage, type ExportedItem, type Exporter, type ItemData } from '../../../model/adapter';
import { isVideo, type MediaItem } from '../../../model/media';
import { decodeCursor, encodeCursor } from '../../cursor';
import { contentFromResponse } from '../../media-stream';
import { googleError, googleRequest, query } from '../client';
import { sendRequest } from '../../http';
import type { PickedMediaItemList } from './api-types';
import { fromPickedItem } from './map';
import { awaitPicked, endPicking, startPicking } from './picker';
import { LIBRARY_API, PICKER_API } from './apis';

/** mediaItems.list: "The maximum value is 100". */
export const PICKED_PAGE_SIZE = 100;

type Cursor =
  | { step: 'picking'; sessionId: string }
  | { step: 'listing'; sessionId: string; pageToken?: string; order: number }
  | { step: 'ending'; sessionId: string };

export const containerKey = (account: string): string => `google:${account}:photos:container:picked`;
export const itemKey = (account: string, id: string): string => `google:${account}:photos:${id}`;

const pickedContainer = (account: string): Container => ({
  key: containerKey(account),
  dataType: 'photos',
  name: 'Google Photos',
  description: 'Photos and videos picked in Google Photos',
});

export class GooglePhotosExporter implements Exporter {
  readonly dataType = 'photos' as const;

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = PICKED_PAGE_SIZE,
  ) {}

  async exportPage(cursorText: string | undefined): Promise<ExportPage> {
    if (cursorText === undefined) {
      const session = await startPicking(this.ctx);
      return this.page([], [], { step: 'picking', sessionId: session.id });
    }
    const cursor = decodeCursor<Cursor>(cursorText);
    switch (cursor.step) {
      case 'picking':
        if (!(await awaitPicked(this.ctx, cursor.sessionId))) return this.page([], [], cursor);
        return this.listPage({ step: 'listing', sessionId: cursor.sessionId, order: 0 });
      case 'listing':
        return this.listPage(cursor);
      case 'ending':
        await endPicking(this.ctx, cursor.sessionId);
        return { containers: [], items: [] };
    }
  }

  private page(containers: Container[], items: ExportedItem[], next: Cursor): ExportPage {
    return { containers, items, next: encodeCursor(next) };
  }

  private async listPage(cursor: Extract<Cursor, { step: 'listing' }>): Promise<ExportPage> {
    const url = `${PICKER_API}/mediaItems${query({ sessionId: cursor.sessionId, pageSize: this.pageSize, pageToken: cursor.pageToken })}`;
    const list = await googleRequest<PickedMediaItemList>(this.ctx, 'GET', url);
    const account = this.ctx.account;
    const picked = (list.mediaItems ?? []).filter((p) => p.mediaFile?.baseUrl);
    const items = picked.map((p, i): ExportedItem<MediaItem> => {
      const data = fromPickedItem(p, cursor.order + i);
      return { key: itemKey(account, p.id), dataType: 'photos', containerKey: containerKey(account), title: data.fileName, data };
    });
    const containers = cursor.pageToken === undefined ? [pickedContainer(account)] : [];
    const next: Cursor = list.nextPageToken
      ? { step: 'listing', sessionId: cursor.sessionId, pageToken: list.nextPageToken, order: cursor.order + picked.length }
      : { step: 'ending', sessionId: cursor.sessionId };
    return this.page(containers, items, next);
  }

  /** `=d` gives a photo's bytes (less its location), `=dv` a video's (access-media-items, "Base URLs"). */
  async openContent(item: { key: string; data: ItemData }, from = 0): Promise<ContentStream> {
    const media = item.data as MediaItem;
    const url = `${media.downloadSource}=${isVideo(media) ? 'dv' : 'd'}`;
    const response = await sendRequest(this.ctx, 'Google', url, { headers: from > 0 ? { range: `bytes=${from}-` } : {} });
    if (response.status === 403) {
      await response.body?.cancel();
      throw new AdapterError(
        `Google no longer serves “${media.fileName}”: its link lasts 60 minutes after Ferry lists what you picked. Run the transfer again and pick it again.`,
        'skip',
        { status: 403 },
      );
    }
    if (!response.ok) throw googleError(response.status, await response.text(), response.headers.get('retry-after'), Date.now(), LIBRARY_API);
    return contentFromResponse(response, from, 'Google');
  }
}
