/**
 * A Facebook "Download your information" export in JSON format, read from the chosen zip files (README.md,
 * "What Ferry reads"). The folder the posts and albums are in has moved between export versions; each known
 * one is tried. An export in HTML format, or a zip that is no Facebook export, is named as such.
 */
import { AdapterError, type AdapterContext } from '../../model/adapter';
import { chosenFiles } from '../local-files';
import { entryJson } from '../zip-entry';
import { baseNameOf, openArchive, type ArchiveEntry, type ArchiveTree } from '../zip-archive';
import type { FacebookPost } from './photos/api-types';

export const EXPORT_NAME = 'Facebook';
/** Where posts and albums are: 2024 onwards, the 2023 layout, and before 2023. */
const LAYOUTS = [
  { posts: 'your_facebook_activity/posts/', albums: 'your_facebook_activity/posts/album/' },
  { posts: 'your_activity_across_facebook/posts/', albums: 'your_activity_across_facebook/posts/album/' },
  { posts: 'posts/', albums: 'photos_and_videos/album/' },
];
const POSTS_FILE = /^(your_posts__check_ins__photos_and_videos|your_posts)_\d+\.json$/;

export interface FacebookExport {
  tree: ArchiveTree;
  postsFiles: ArchiveEntry[];
  albumFiles: ArchiveEntry[];
}

const numberOf = (path: string): number => Number(/_?(\d+)\.json$/.exec(baseNameOf(path))?.[1] ?? 0);

export async function openFacebook(ctx: AdapterContext): Promise<FacebookExport> {
  const tree = await openArchive(chosenFiles(ctx, EXPORT_NAME));
  const files = [...tree.files.values()];
  for (const layout of LAYOUTS) {
    const postsFiles = files.filter((f) => f.path.startsWith(layout.posts) && POSTS_FILE.test(f.path.slice(layout.posts.length))).sort((a, b) => numberOf(a.path) - numberOf(b.path));
    const albumFiles = files.filter((f) => f.path.startsWith(layout.albums) && /^\d+\.json$/.test(f.path.slice(layout.albums.length))).sort((a, b) => numberOf(a.path) - numberOf(b.path));
    if (postsFiles.length || albumFiles.length) return { tree, postsFiles, albumFiles };
  }
  const names = tree.parts.join(', ');
  if (files.some((f) => /your_posts[^/]*\.html$/.test(f.path) || f.path.endsWith('/album/0.html'))) {
    throw new AdapterError(`${names} is a Facebook export in HTML format, which Ferry cannot read. In Facebook's Accounts Center, request a new download of your information and choose Format: JSON.`, 'fatal');
  }
  throw new AdapterError(
    `${names} is not a Facebook export with posts or photos: it has no your_facebook_activity/posts/ folder. Choose the zip file Facebook sent you (named like facebook-yourname-2025-01-01-AbCdEf.zip), with Posts included.`,
    'fatal',
  );
}

export function exportId(names: readonly string[]): string {
  const first = [...names].sort()[0] ?? 'facebook';
  return /^facebook-([^-]+)-/i.exec(first)?.[1] ?? first.replace(/\.zip$/i, '');
}

/** The posts of every posts file, oldest first (the export lists the newest first). */
export async function readPosts(postsFiles: readonly ArchiveEntry[]): Promise<FacebookPost[]> {
  const posts: FacebookPost[] = [];
  for (const file of postsFiles) {
    const list = await entryJson(file);
    if (!Array.isArray(list)) throw new AdapterError(`${file.path} in ${file.part} does not list posts as Facebook's JSON export does.`, 'fatal');
    posts.push(...(list as FacebookPost[]));
  }
  return posts.sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
}
