/**
 * Exports the photos and videos of an archive's `photos/` folder, an album per folder (plan.ts says which and in
 * which order), each with its sidecar's title, description, capture time and place. The bytes are streamed from
 * the zip when the importer asks, from any offset; a JPEG whose own EXIF has no capture time is handed out with
 * the sidecar's (adapters/exif-stamp.ts), so a destination that dates a photo only by its file dates it right.
 */
import { AdapterError, type AdapterContext, type Container, type ContentStream, type ExportPage, type ExportedItem, type Exporter, type ItemData } from '../../../model/adapter';
import type { MediaItem } from '../../../model/media';
import { mediaTypeOf } from '../../../model/media-sidecar';
import { ExifStamps } from '../../exif-stamp';
import { pageAt, planOnce } from '../../archive-paging';
import { baseNameOf, type ArchiveTree } from '../../zip-archive';
import { openFerryArchive, typeFiles } from '../client';
import { mediaItemOf } from './map';
import { planPhotos, type PhotosPlan, type PlannedItem } from './plan';

export const PAGE_SIZE = 100;
const MISSING = 'missing:';

export const containerKey = (account: string, album: string): string => `archive:${account}:photos:container:${album}`;
export const itemKey = (account: string, path: string): string => `archive:${account}:photos:${path}`;

interface Planned {
  tree: ArchiveTree;
  /** The zip path of `photos/`. */
  prefix: string;
  plan: PhotosPlan;
}

export class ArchivePhotosExporter implements Exporter {
  readonly dataType = 'photos' as const;
  private readonly stamps = new ExifStamps();
  private readonly open = planOnce(async (): Promise<Planned> => {
    const archive = await openFerryArchive(this.ctx);
    const plan = await planPhotos(typeFiles(archive, 'photos or videos', 'photos'));
    return { tree: archive.tree, prefix: `${archive.root}photos/`, plan };
  });

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  async exportPage(cursor: string | undefined): Promise<ExportPage> {
    const { plan } = await this.open();
    const account = this.ctx.account;
    return pageAt(
      plan.items,
      cursor,
      this.pageSize,
      () => plan.albums.map((album): Container => ({ key: containerKey(account, album), dataType: 'photos', name: album })),
      async (ref) => {
        const item = this.itemOf(ref);
        if (ref.kind === 'file') await this.stamps.prepare(item, ref.file);
        return item;
      },
    );
  }

  private itemOf(ref: PlannedItem): ExportedItem<MediaItem> {
    const account = this.ctx.account;
    const fileName = baseNameOf(ref.path);
    const mimeType = mediaTypeOf(fileName)!;
    const data =
      ref.kind === 'file'
        ? mediaItemOf(fileName, mimeType, ref.file.path, ref.sidecar, ref.albumOrder, ref.file.size)
        : mediaItemOf(fileName, mimeType, `${MISSING}${ref.sidecarFile.path}`, ref.sidecar, ref.albumOrder);
    const item: ExportedItem<MediaItem> = { key: itemKey(account, ref.path), dataType: 'photos', title: fileName, data };
    if (ref.album) item.containerKey = containerKey(account, ref.album);
    if (ref.kind === 'file') item.bytes = ref.file.size;
    return item;
  }

  async openContent(item: { key: string; data: ItemData }, from = 0): Promise<ContentStream> {
    const { tree } = await this.open();
    const data = item.data as MediaItem;
    const file = tree.files.get(data.downloadSource);
    if (!file) {
      const sidecar = data.downloadSource.replace(MISSING, '');
      throw new AdapterError(`“${data.fileName}” is described by ${sidecar} in ${tree.parts.join(', ')}, but its file is not in the archive: it was not written there.`, 'skip');
    }
    return this.stamps.content(item.key, data, file, from);
  }
}
