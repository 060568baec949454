/**
 * Exports the photos and videos of an Instagram export's posts into one album, "Instagram posts", oldest
 * first, a carousel's photos side by side in their order (README.md says why not an album per carousel). The
 * posts files are read when the export starts; bytes are streamed from the zip when the importer asks. A post
 * whose file is in none of the chosen zips fails alone, saying so.
 */
import { AdapterError, type AdapterContext, type Container, type ContentStream, type ExportPage, type ExportedItem, type Exporter, type ItemData } from '../../../model/adapter';
import type { MediaItem } from '../../../model/media';
import { pageAt, planOnce } from '../../archive-paging';
import { ExifStamps } from '../../exif-stamp';
import { entryJson } from '../../zip-entry';
import type { ArchiveTree } from '../../zip-archive';
import { openInstagram } from '../client';
import type { InstagramMedia, InstagramPost } from './api-types';
import { fromInstagramMedia } from './map';

export const PAGE_SIZE = 100;
export const ALBUM_NAME = 'Instagram posts';

export const containerKey = (account: string): string => `instagram:${account}:photos:container:posts`;
export const itemKey = (account: string, uri: string): string => `instagram:${account}:photos:${uri}`;

interface Planned {
  tree: ArchiveTree;
  items: ExportedItem<MediaItem>[];
}

interface Found {
  post: InstagramPost;
  media: InstagramMedia;
  time: number;
  at: number;
}

export class InstagramPhotosExporter implements Exporter {
  readonly dataType = 'photos' as const;
  private readonly open = planOnce(() => this.plan());
  private readonly stamps = new ExifStamps();

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  private async plan(): Promise<Planned> {
    const { tree, postsFiles } = await openInstagram(this.ctx);
    const found: Found[] = [];
    for (const file of postsFiles) {
      const posts = await entryJson(file);
      if (!Array.isArray(posts)) throw new AdapterError(`${file.path} in ${file.part} does not list posts as Instagram's JSON export does (a list of posts with their media).`, 'fatal');
      for (const post of posts as InstagramPost[]) {
        for (const media of post.media ?? []) {
          if (!media.uri) continue;
          found.push({ post, media, time: media.creation_timestamp ?? post.creation_timestamp ?? 0, at: found.length });
        }
      }
    }
    // The export lists the newest post first; the album runs from the oldest, a carousel in its own order.
    const postTime = (f: Found) => f.post.creation_timestamp ?? f.post.media?.[0]?.creation_timestamp ?? f.time;
    found.sort((a, b) => postTime(a) - postTime(b) || (a.post === b.post ? a.at - b.at : b.at - a.at));
    const account = this.ctx.account;
    const items: ExportedItem<MediaItem>[] = [];
    const seen = new Set<string>();
    for (const { post, media } of found) {
      if (seen.has(media.uri!)) continue;
      seen.add(media.uri!);
      const file = tree.files.get(media.uri!);
      const data = fromInstagramMedia(post, media, file?.size ?? 0, items.length);
      if (!data) continue;
      if (!file) delete data.sizeBytes;
      const item: ExportedItem<MediaItem> = { key: itemKey(account, media.uri!), dataType: 'photos', containerKey: containerKey(account), title: data.fileName, data };
      if (file) item.bytes = file.size;
      items.push(item);
    }
    return { tree, items };
  }

  async exportPage(cursor: string | undefined): Promise<ExportPage> {
    const { tree, items } = await this.open();
    const album = (): Container[] => [{ key: containerKey(this.ctx.account), dataType: 'photos', name: ALBUM_NAME, description: 'Photos and videos of my Instagram posts' }];
    return pageAt(items, cursor, this.pageSize, album, (item) => this.stamps.prepared(item, tree));
  }

  async openContent(item: { key: string; data: ItemData }, from = 0): Promise<ContentStream> {
    const { tree } = await this.open();
    const media = item.data as MediaItem;
    const file = tree.files.get(media.downloadSource);
    if (!file) {
      throw new AdapterError(
        `“${media.fileName}” of a post from ${media.captureTime?.slice(0, 10) ?? 'an unknown day'} is listed in the export but its file (${media.downloadSource}) is in none of the chosen zip files: if Instagram sent several, choose all of them.`,
        'skip',
      );
    }
    return this.stamps.content(item.key, media, file, from);
  }
}
