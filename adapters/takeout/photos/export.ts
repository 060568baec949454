/**
 * Exports the photos and videos of a Takeout's Google Photos folder, an album per folder (plan.ts says which),
 * each with its sidecar's capture time, description and place. Pages of PAGE_SIZE items; a sidecar is read
 * only when its item's page is, and the bytes are streamed from the zip when the importer asks.
 */
import { AdapterError, type AdapterContext, type Container, type ContentStream, type ExportPage, type ExportedItem, type Exporter, type ItemData } from '../../../model/adapter';
import type { MediaItem } from '../../../model/media';
import { mediaTypeOf } from '../../../model/media-sidecar';
import { ExifStamps } from '../../exif-stamp';
import { entryJson } from '../../zip-entry';
import { pageAt, planOnce } from '../../archive-paging';
import { baseNameOf, type ArchiveTree } from '../../zip-archive';
import { openTakeout, productFiles, productMissing } from '../client';
import { applySidecar, isSidecar, type TakeoutSidecar } from './map';
import { planPhotos, type PhotosPlan, type PlannedAlbum, type PlannedItem } from './plan';

export const PAGE_SIZE = 100;
/** The Photos folder's name in the languages Takeout is written in. */
export const PHOTOS_FOLDERS = ['Google Photos', 'Google Fotos', 'Google Foto', 'Google Photos Library'];

export const containerKey = (account: string, folder: string): string => `takeout:${account}:photos:container:${folder}`;
export const itemKey = (account: string, path: string): string => `takeout:${account}:photos:${path}`;

interface Planned {
  tree: ArchiveTree;
  plan: PhotosPlan;
}

interface AlbumMetadata {
  title?: string;
  description?: string;
}

export class TakeoutPhotosExporter implements Exporter {
  readonly dataType = 'photos' as const;
  private readonly stamps = new ExifStamps();

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  private readonly open = planOnce(async (): Promise<Planned> => {
    const tree = await openTakeout(this.ctx);
    const photos = productFiles(tree, PHOTOS_FOLDERS);
    if (!photos) throw productMissing(tree, 'Google Photos', PHOTOS_FOLDERS[0]!);
    return { tree, plan: planPhotos(photos.files) };
  });

  async exportPage(cursor: string | undefined): Promise<ExportPage> {
    const { plan } = await this.open();
    return pageAt(
      plan.items,
      cursor,
      this.pageSize,
      () => Promise.all(plan.albums.map((a) => this.containerOf(a))),
      async (ref) => {
        const item = await this.itemOf(ref);
        if (item && ref.kind === 'file') await this.stamps.prepare(item, ref.file);
        return item;
      },
    );
  }

  private async containerOf(album: PlannedAlbum): Promise<Container> {
    const folderName = baseNameOf(album.folder);
    const container: Container = { key: containerKey(this.ctx.account, album.folder), dataType: 'photos', name: folderName };
    if (!album.metadata) return container;
    const metadata = (await entryJson(album.metadata)) as AlbumMetadata;
    if (metadata.title?.trim()) container.name = metadata.title;
    if (metadata.description?.trim()) container.description = metadata.description;
    return container;
  }

  private async itemOf(ref: PlannedItem): Promise<ExportedItem<MediaItem> | undefined> {
    const account = this.ctx.account;
    const sidecar = ref.sidecar ? await entryJson(ref.sidecar) : undefined;
    if (ref.kind === 'orphan') {
      if (!isSidecar(sidecar) || !sidecar.title || !mediaTypeOf(sidecar.title)) return undefined;
      const data = applySidecar({ fileName: sidecar.title, mimeType: mediaTypeOf(sidecar.title)!, downloadSource: `missing:${ref.sidecar.path}` }, sidecar);
      return { key: itemKey(account, ref.sidecar.path), dataType: 'photos', containerKey: containerKey(account, ref.album), title: data.fileName, data };
    }
    const fileName = baseNameOf(ref.file.path);
    const data: MediaItem = { fileName, mimeType: mediaTypeOf(fileName)!, sizeBytes: ref.file.size, downloadSource: ref.file.path };
    if (isSidecar(sidecar)) applySidecar(data, sidecar as TakeoutSidecar);
    return { key: itemKey(account, ref.file.path), dataType: 'photos', containerKey: containerKey(account, ref.album), title: fileName, bytes: ref.file.size, data };
  }

  async openContent(item: { key: string; data: ItemData }, from = 0): Promise<ContentStream> {
    const { tree } = await this.open();
    const source = (item.data as MediaItem).downloadSource;
    const file = tree.files.get(source);
    if (!file) {
      const sidecar = source.replace(/^missing:/, '');
      throw new AdapterError(
        `“${(item.data as MediaItem).fileName}” is described in ${sidecar} (in ${tree.files.get(sidecar)?.part ?? 'the export'}) but its file is in none of the chosen zip files: if your Takeout came in several zip files, choose all of them.`,
        'skip',
      );
    }
    return this.stamps.content(item.key, item.data as MediaItem, file, from);
  }
}
