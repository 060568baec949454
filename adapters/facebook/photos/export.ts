/**
 * Exports the photos and videos of a Facebook export: one album per Facebook album (its name and description),
 * in the album's order; then the media attached to posts that are in no album, in one album "Facebook posts",
 * oldest first. A file listed but in none of the chosen zips fails alone, saying so.
 */
import { AdapterError, type AdapterContext, type Container, type ContentStream, type ExportPage, type ExportedItem, type Exporter, type ItemData } from '../../../model/adapter';
import type { MediaItem } from '../../../model/media';
import { pageAt, planOnce } from '../../archive-paging';
import { fixMetaText } from '../../meta-export-text';
import { ExifStamps } from '../../exif-stamp';
import { entryJson } from '../../zip-entry';
import type { ArchiveTree } from '../../zip-archive';
import { openFacebook, readPosts } from '../client';
import type { FacebookAlbum, FacebookMedia, FacebookPost } from './api-types';
import { fromFacebookMedia } from './map';

export const PAGE_SIZE = 100;
export const POSTS_ALBUM = 'Facebook posts';

export const containerKey = (account: string, album: string): string => `facebook:${account}:photos:container:${album}`;
export const itemKey = (account: string, uri: string): string => `facebook:${account}:photos:${uri}`;

interface Planned {
  tree: ArchiveTree;
  containers: Container[];
  items: ExportedItem<MediaItem>[];
}

export class FacebookPhotosExporter implements Exporter {
  readonly dataType = 'photos' as const;
  private readonly open = planOnce(() => this.plan());
  private readonly stamps = new ExifStamps();

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  private async plan(): Promise<Planned> {
    const { tree, postsFiles, albumFiles } = await openFacebook(this.ctx);
    const account = this.ctx.account;
    const containers: Container[] = [];
    const items: ExportedItem<MediaItem>[] = [];
    const seen = new Set<string>();
    const add = (containerKeyOf: string, media: FacebookMedia, order: number, post?: FacebookPost) => {
      if (!media.uri || seen.has(media.uri)) return;
      const file = tree.files.get(media.uri);
      const data = fromFacebookMedia(media, file?.size ?? 0, order, post);
      if (!data) return;
      seen.add(media.uri);
      if (!file) delete data.sizeBytes;
      const item: ExportedItem<MediaItem> = { key: itemKey(account, media.uri), dataType: 'photos', containerKey: containerKeyOf, title: data.fileName, data };
      if (file) item.bytes = file.size;
      items.push(item);
    };
    for (const file of albumFiles) {
      const album = (await entryJson(file)) as FacebookAlbum;
      if (!album || !Array.isArray(album.photos)) throw new AdapterError(`${file.path} in ${file.part} is not a Facebook album as the JSON export writes one (a name and its photos).`, 'fatal');
      const container: Container = { key: containerKey(account, file.path), dataType: 'photos', name: fixMetaText(album.name ?? '').trim() || 'Facebook album' };
      const description = fixMetaText(album.description ?? '').trim();
      if (description) container.description = description;
      containers.push(container);
      album.photos.forEach((photo, order) => add(container.key, photo, order));
    }
    const posts = await readPosts(postsFiles);
    const postsKey = containerKey(account, 'posts');
    const before = items.length;
    let order = 0;
    for (const post of posts) {
      for (const attachment of post.attachments ?? []) for (const entry of attachment.data ?? []) if (entry.media) add(postsKey, entry.media, order++, post);
    }
    if (items.length > before) containers.push({ key: postsKey, dataType: 'photos', name: POSTS_ALBUM, description: 'Photos and videos of my Facebook posts that are in no album' });
    return { tree, containers, items };
  }

  async exportPage(cursor: string | undefined): Promise<ExportPage> {
    const { tree, containers, items } = await this.open();
    return pageAt(items, cursor, this.pageSize, () => containers, (item) => this.stamps.prepared(item, tree));
  }

  async openContent(item: { key: string; data: ItemData }, from = 0): Promise<ContentStream> {
    const { tree } = await this.open();
    const media = item.data as MediaItem;
    const file = tree.files.get(media.downloadSource);
    if (!file) {
      throw new AdapterError(`“${media.fileName}” is listed in the export but its file (${media.downloadSource}) is in none of the chosen zip files: if Facebook sent several, choose all of them.`, 'skip');
    }
    return this.stamps.content(item.key, media, file, from);
  }
}
