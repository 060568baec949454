/** OneDrive item lookups photos and files (../files) share: by name in a folder, folders made once, free names. */
import { AdapterError, type AdapterContext } from '../../../model/adapter';
import { GRAPH_API, graphRequest, isConflict } from '../client';
import { numberedName } from '../../../model/file';
import type { DriveItem, FileSystemInfo } from './api-types';

export const DRIVE = `${GRAPH_API}/me/drive`;

/** The path address of a name in a folder (`items/{id}:/{name}:`), each part percent-encoded. */
export const itemPath = (parentId: string, name: string): string => `${DRIVE}/items/${encodeURIComponent(parentId)}:/${encodeURIComponent(name)}:`;

/** The item named `name` in the folder, or undefined. */
export async function childNamed(ctx: AdapterContext, parentId: string, name: string): Promise<DriveItem | undefined> {
  try {
    return await graphRequest<DriveItem>(ctx, 'GET', itemPath(parentId, name));
  } catch (error) {
    if (error instanceof AdapterError && error.details.status === 404) return undefined;
    throw error;
  }
}

/** The folder named `name` in the parent, made when missing (`conflictBehavior: fail` makes a race find the other's). */
export async function ensureFolder(ctx: AdapterContext, parentId: string, name: string, fileSystemInfo?: FileSystemInfo): Promise<string> {
  const existing = await childNamed(ctx, parentId, name);
  if (existing?.folder) return existing.id;
  if (existing) throw new AdapterError(`OneDrive already has a file named “${name}” where Ferry needs a folder; rename it and resume.`, 'fatal');
  try {
    const url = `${DRIVE}/items/${encodeURIComponent(parentId)}/children`;
    const made = await graphRequest<DriveItem>(ctx, 'POST', url, { name, folder: {}, '@microsoft.graph.conflictBehavior': 'fail', ...(fileSystemInfo && { fileSystemInfo }) });
    return made.id;
  } catch (error) {
    if (!isConflict(error)) throw error;
    const raced = await childNamed(ctx, parentId, name);
    if (!raced?.folder) throw error;
    return raced.id;
  }
}

/** OneDrive refuses `" * : < > ? / \ |` and leading or trailing spaces in a name; they become `_`. */
export const safeName = (name: string): string => name.replace(/["*:<>?/\\|\u0000-\u001f]/g, '_').replace(/^\s+|[\s.]+$/g, '') || '_';

/** Names tried for one file before giving up (`name.ext`, `name (2).ext`, …). */
const MAX_NAME_TRIES = 20;

/**
 * The file made before for an item (its id: the first of `name`, `name (2)`, … that `isSame` recognises), or the
 * first free name to upload it under, so a different file already there is never overwritten.
 */
export async function findOrFreeName(ctx: AdapterContext, folderId: string, name: string, isSame: (found: DriveItem) => boolean): Promise<{ id: string } | { name: string }> {
  for (let n = 1; n <= MAX_NAME_TRIES; n++) {
    const found = await childNamed(ctx, folderId, numberedName(name, n));
    if (!found) return { name: numberedName(name, n) };
    if (isSame(found)) return { id: found.id };
  }
  throw new AdapterError(`The OneDrive folder already holds ${MAX_NAME_TRIES} other files named like “${name}”; rename some and resume.`, 'skip');
}
