/**
 * `photos/<album>/<file>` beside `<file>.json` (model/media-sidecar.ts): the original bytes stored as they are,
 * the sidecar holding what they do not say. Within an album the files keep their order as `albumOrder`.
 */
import type { MediaItem } from '../../../model/media';
import { SIDECAR_SUFFIX, writeSidecar, type MediaSidecar } from '../../../model/media-sidecar';
import { contentFile, type StagedItem } from '../scratch-layout';
import { stagedContent, type LayoutContext } from './layout-context';
import { NameTaker, safePath, safeSegment } from './names';
import { stagedGroups } from './staged-groups';

/** The item's id at its source: a source key is `<provider>:<account>:<dataType>:<native id>`. */
function sourceIdOf(key: string, provider: string): Record<string, string> | undefined {
  const parts = key.split(':');
  return parts[0] === provider && parts.length > 3 ? { [provider]: parts.slice(3).join(':') } : undefined;
}

function sidecarOf(item: StagedItem<MediaItem>, albumOrder: number, provider: string): MediaSidecar {
  const media = item.data;
  const sourceIds = sourceIdOf(item.key, provider);
  return {
    ...(media.title !== undefined && { title: media.title }),
    ...(media.description !== undefined && { description: media.description }),
    ...(media.captureTime !== undefined && { captureTime: media.captureTime }),
    ...(media.location !== undefined && { location: media.location }),
    albumOrder,
    ...(sourceIds && { sourceIds }),
  };
}

/** The source's album order where it gave one, else the order the items arrived in. */
const byAlbumOrder = (a: { item: StagedItem<MediaItem> }, b: { item: StagedItem<MediaItem> }): number =>
  (a.item.data.albumOrder ?? Number.MAX_SAFE_INTEGER) - (b.item.data.albumOrder ?? Number.MAX_SAFE_INTEGER) || a.item.sequence - b.item.sequence;

export async function writeAlbums(ctx: LayoutContext): Promise<number> {
  const groups = await stagedGroups<MediaItem>(ctx.scratch, 'photos', 'Photos');
  const albums = new NameTaker();
  let count = 0;
  for (const { container, items } of groups) {
    const album = `photos/${albums.take(safePath(container.name, 'album'))}`;
    const files = new NameTaker();
    for (const [order, { folder, item }] of [...items].sort(byAlbumOrder).entries()) {
      const bytes = await stagedContent(ctx, contentFile(folder), item.title);
      const name = files.takeFile(safeSegment(item.data.fileName, 'photo'));
      const taken = item.data.captureTime ? new Date(item.data.captureTime) : undefined;
      const modified = taken && !Number.isNaN(taken.getTime()) ? taken : ctx.madeAt;
      await ctx.zip.add(`${album}/${name}`, bytes.stream(), { compress: false, modified, size: bytes.size });
      const sidecar = writeSidecar(sidecarOf(item, order, ctx.job.source.provider));
      await ctx.zip.add(`${album}/${name}${SIDECAR_SUFFIX}`, sidecar, { compress: true, modified: ctx.madeAt });
      count += 1;
    }
  }
  return count;
}
