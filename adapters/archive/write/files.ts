/**
 * `files/<path>`: the transferred folder tree from its root, each file's entry time its modified time, empty folders
 * kept as folder entries. Several roots (a job that moved more than one) each get a folder of their own name.
 */
import type { FileEntry } from '../../../model/file';
import { contentFile } from '../scratch-layout';
import { stagedContent, type LayoutContext } from './layout-context';
import { NameTaker, safeSegment } from './names';
import { stagedGroups } from './staged-groups';

/** Types whose bytes deflate well; everything else (photos, video, archives, documents that are zips) is stored. */
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript|x-ndjson|rtf|x-yaml|yaml|sql|csv)|image\/svg\+xml)/;

const modifiedOf = (entry: FileEntry, fallback: Date): Date => {
  const time = entry.modified ? new Date(entry.modified) : undefined;
  return time && !Number.isNaN(time.getTime()) ? time : fallback;
};

export async function writeFileTrees(ctx: LayoutContext): Promise<number> {
  const groups = await stagedGroups<FileEntry>(ctx.scratch, 'files', 'Files');
  const roots = new NameTaker();
  let count = 0;
  for (const { container, items } of groups) {
    const root = groups.length > 1 ? `files/${roots.take(safeSegment(container.name, 'files'))}` : 'files';
    // Parents arrive before their children, so a folder's safe name is known when its files come.
    const placed = new Map<string, string>();
    const takers = new Map<string, NameTaker>();
    for (const { folder, item } of items) {
      const entry = item.data;
      const parentPath = entry.path.slice(0, Math.max(0, entry.path.lastIndexOf('/')));
      const parent = parentPath ? (placed.get(parentPath) ?? `${root}/${parentPath.split('/').map((p) => safeSegment(p, '_')).join('/')}`) : root;
      const taker = takers.get(parent) ?? takers.set(parent, new NameTaker()).get(parent)!;
      const path = `${parent}/${entry.kind === 'folder' ? taker.take(safeSegment(entry.name, 'folder')) : taker.takeFile(safeSegment(entry.name, 'file'))}`;
      placed.set(entry.path, path);
      const modified = modifiedOf(entry, ctx.madeAt);
      if (entry.kind === 'folder') {
        await ctx.zip.addFolder(path, modified);
        continue;
      }
      const bytes = await stagedContent(ctx, contentFile(folder), item.title);
      await ctx.zip.add(path, bytes.stream(), { compress: COMPRESSIBLE.test(entry.mimeType ?? ''), modified, size: bytes.size });
      count += 1;
    }
  }
  return count;
}
