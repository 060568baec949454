/**
 * An Instagram "Download your information" export in JSON format, read from the chosen zip files (README.md,
 * "What Ferry reads"). Which file lists the posts depends on when the export was made; an export in HTML
 * format, or a zip that is no Instagram export, is named as such.
 */
import { AdapterError, type AdapterContext } from '../../model/adapter';
import { chosenFiles } from '../local-files';
import { openArchive, type ArchiveEntry, type ArchiveTree } from '../zip-archive';

export const EXPORT_NAME = 'Instagram';
/** Where the posts are listed: since 2024 under your_instagram_activity/, before that under content/. */
export const POSTS_FOLDERS = ['your_instagram_activity/content/', 'content/'];
const POSTS_FILE = /^posts_\d+\.json$/;
const POSTS_HTML = /^posts_\d+\.html$/;

export interface InstagramExport {
  tree: ArchiveTree;
  /** The posts files, in order (posts_1.json, posts_2.json, …). */
  postsFiles: ArchiveEntry[];
}

const partNumber = (path: string): number => Number(/posts_(\d+)\./.exec(path)?.[1] ?? 0);

export async function openInstagram(ctx: AdapterContext): Promise<InstagramExport> {
  const tree = await openArchive(chosenFiles(ctx, EXPORT_NAME));
  const inFolders = (pattern: RegExp) =>
    [...tree.files.values()].filter((f) => POSTS_FOLDERS.some((folder) => f.path.startsWith(folder) && pattern.test(f.path.slice(folder.length))));
  const postsFiles = inFolders(POSTS_FILE).sort((a, b) => partNumber(a.path) - partNumber(b.path));
  if (postsFiles.length) return { tree, postsFiles };
  const names = tree.parts.join(', ');
  if (inFolders(POSTS_HTML).length) {
    throw new AdapterError(`${names} is an Instagram export in HTML format, which Ferry cannot read. In Instagram's Accounts Center, request a new download of your information and choose Format: JSON.`, 'fatal');
  }
  const anyInstagram = [...tree.files.keys()].some((p) => p.startsWith('your_instagram_activity/') || p.startsWith('personal_information/'));
  throw new AdapterError(
    anyInstagram
      ? `${names} is an Instagram export without posts (no your_instagram_activity/content/posts_1.json): when requesting your information, include Content, or choose every zip file of the export.`
      : `${names} is not an Instagram export: it has no your_instagram_activity/ folder and no posts_1.json. Choose the zip file Instagram sent you (named like instagram-yourname-2025-01-01-AbCdEf.zip).`,
    'fatal',
  );
}

/** The account an export stands for: the user name in the export's file name, else the file's name. */
export function exportId(names: readonly string[]): string {
  const first = [...names].sort()[0] ?? 'instagram';
  return /^instagram-([^-]+)-/i.exec(first)?.[1] ?? first.replace(/\.zip$/i, '');
}
