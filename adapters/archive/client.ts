/**
 * The chosen Ferry archive (README.md, "Layout"): one zip holding `manifest.json` and a folder per data type. A
 * zip with neither is named as not being a Ferry archive, so a wrong file is never half-read. A zip a person made
 * again from the unpacked folder (which puts everything one folder down) is read from that folder.
 */
import { AdapterError, type AccountInfo, type AdapterContext } from '../../model/adapter';
import { chosenFiles, fileNameOf } from '../local-files';
import { entryJson } from '../zip-entry';
import { openArchive, type ArchiveEntry, type ArchiveTree } from '../zip-archive';

export const ARCHIVE_NAME = 'Ferry archive';
export const MANIFEST = 'manifest.json';
export const MANIFEST_FORMAT = 'ferry-archive';
/** The layout's folders, one per data type. */
export const LAYOUT_FOLDERS = ['calendar', 'contacts', 'tasks', 'mail', 'photos', 'posts', 'files'] as const;
export type LayoutFolder = (typeof LAYOUT_FOLDERS)[number];

export interface FerryArchive {
  tree: ArchiveTree;
  /** The chosen file's name, for messages. */
  name: string;
  /** Where the layout starts inside the zip: '' or one folder (`my-archive/`). */
  root: string;
  /** The data types the manifest says were written (with nothing, when their folder is absent). */
  written: ReadonlySet<string>;
}

const topFolderOf = (path: string): string => path.slice(0, path.indexOf('/') + 1);

function holdsLayout(tree: ArchiveTree, root: string): boolean {
  const paths = [...tree.files.keys(), ...[...tree.folders.keys()].map((f) => `${f}/`)];
  return paths.some((p) => p === `${root}${MANIFEST}` || LAYOUT_FOLDERS.some((folder) => p.startsWith(`${root}${folder}/`)));
}

/** '' when the layout is at the zip's top, else the one folder every entry is in, when the layout is there. */
function rootOf(tree: ArchiveTree): string | undefined {
  if (holdsLayout(tree, '')) return '';
  const tops = new Set([...tree.files.keys()].map(topFolderOf));
  const [only] = tops;
  return tops.size === 1 && only && holdsLayout(tree, only) ? only : undefined;
}

/** Checks the manifest is Ferry's; answers the data types it says were written. */
async function readManifest(file: ArchiveEntry): Promise<Set<string>> {
  const manifest = await entryJson(file);
  const members = typeof manifest === 'object' && manifest !== null ? (manifest as Record<string, unknown>) : {};
  if (members.format !== MANIFEST_FORMAT) {
    throw new AdapterError(`${file.part} is not a Ferry archive: its ${MANIFEST} does not say "format": "${MANIFEST_FORMAT}". Choose the zip file Ferry wrote.`, 'fatal');
  }
  return new Set(Array.isArray(members.dataTypes) ? members.dataTypes.filter((t): t is string => typeof t === 'string') : []);
}

export async function openFerryArchive(ctx: AdapterContext): Promise<FerryArchive> {
  const tree = await openArchive(chosenFiles(ctx, ARCHIVE_NAME));
  const name = tree.parts.join(', ');
  const root = rootOf(tree);
  if (root === undefined) {
    throw new AdapterError(`${name} is not a Ferry archive: it has no ${MANIFEST} and none of the folders Ferry writes (${LAYOUT_FOLDERS.map((f) => `${f}/`).join(', ')}). Choose the zip file Ferry wrote.`, 'fatal');
  }
  const manifest = tree.files.get(`${root}${MANIFEST}`);
  const written = manifest ? await readManifest(manifest) : new Set<string>();
  return { tree, name, root, written };
}

/** Whether the archive has the folder at all (an empty folder counts: its data type was written with nothing in it). */
export function hasFolder(archive: FerryArchive, folder: LayoutFolder): boolean {
  const prefix = `${archive.root}${folder}`;
  return archive.tree.folders.has(prefix) || [...archive.tree.files.keys()].some((p) => p.startsWith(`${prefix}/`));
}

/** The files below `<folder>/`, in path order, each with its path below that folder. */
export function folderFiles(archive: FerryArchive, folder: LayoutFolder): { path: string; file: ArchiveEntry }[] {
  const prefix = `${archive.root}${folder}/`;
  return [...archive.tree.files.values()]
    .filter((f) => f.path.startsWith(prefix) && f.path.length > prefix.length)
    .map((file) => ({ path: file.path.slice(prefix.length), file }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The folder the data type would be in is not there: the archive was written without it. */
export function folderMissing(archive: FerryArchive, what: string, folder: LayoutFolder): AdapterError {
  return new AdapterError(`${archive.name} holds no ${what} (it has no ${folder}/ folder): it was written without them. Choose an archive Ferry wrote with ${what} in it.`, 'fatal');
}

/**
 * The files of the data type's folder (each folder is named as its data type). Without the folder, an archive
 * whose manifest says the data type was written holds none of it; any other is told it was written without it.
 */
export function typeFiles(archive: FerryArchive, what: string, folder: LayoutFolder): { path: string; file: ArchiveEntry }[] {
  if (!hasFolder(archive, folder) && !archive.written.has(folder)) throw folderMissing(archive, what, folder);
  return folderFiles(archive, folder);
}

/** The account an archive stands for: its file name without `.zip` (`ferry-archive-2026-11-26`). */
export const archiveId = (fileName: string): string => fileName.replace(/\.zip$/i, '') || 'ferry-archive';

export async function archiveAccount(ctx: AdapterContext): Promise<AccountInfo> {
  const names = chosenFiles(ctx, ARCHIVE_NAME).map(fileNameOf);
  return { id: archiveId(names[0]!), name: `${ARCHIVE_NAME} (${names.join(', ')})` };
}
