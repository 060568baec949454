/**
 * OneDrive requests through the Graph client, with OneDrive's refusals worded for files (the client's own
 * words name calendars and mailboxes), and the item lookups photos need: by path below a folder, and
 * folders made once.
 */
import { AdapterError, type AdapterContext } from '../../../model/adapter';
import { GRAPH_API, graphRequest, type HttpMethod } from '../client';
import type { DriveItem } from './api-types';

export const DRIVE = `${GRAPH_API}/me/drive`;

export function driveError(error: unknown): unknown {
  if (!(error instanceof AdapterError)) return error;
  const said = error.details.providerMessage ?? '';
  if (error.details.fatalReason === 'forbidden') {
    return new AdapterError(`Microsoft refused access to your OneDrive (${said}). Reconnect your Microsoft account and allow Ferry to read and write your files when Microsoft asks.`, 'fatal', error.details);
  }
  if (error.details.fatalReason === 'storage-full' || error.details.providerCode === 'quotaLimitReached') {
    return new AdapterError(`Your OneDrive is full (${said}). Free up space in OneDrive, then resume the transfer; nothing is lost.`, 'fatal', { ...error.details, fatalReason: 'storage-full' });
  }
  return error;
}

export async function driveRequest<T>(ctx: AdapterContext, method: HttpMethod, realUrl: string, body?: unknown): Promise<T> {
  try {
    return await graphRequest<T>(ctx, method, realUrl, body);
  } catch (error) {
    throw driveError(error);
  }
}

/** The path address of a name in a folder (`items/{id}:/{name}:`), each part percent-encoded. */
export const itemPath = (parentId: string, name: string): string => `${DRIVE}/items/${encodeURIComponent(parentId)}:/${encodeURIComponent(name)}:`;

/** The item named `name` in the folder, or undefined. */
export async function childNamed(ctx: AdapterContext, parentId: string, name: string): Promise<DriveItem | undefined> {
  try {
    return await driveRequest<DriveItem>(ctx, 'GET', itemPath(parentId, name));
  } catch (error) {
    if (error instanceof AdapterError && error.details.status === 404) return undefined;
    throw error;
  }
}

/** The folder named `name` in the parent, made when missing (`conflictBehavior: fail` makes a race find the other's). */
export async function ensureFolder(ctx: AdapterContext, parentId: string, name: string): Promise<string> {
  const existing = await childNamed(ctx, parentId, name);
  if (existing?.folder) return existing.id;
  if (existing) throw new AdapterError(`OneDrive already has a file named “${name}” where Ferry needs a folder; rename it and resume.`, 'fatal');
  try {
    const url = `${DRIVE}/items/${encodeURIComponent(parentId)}/children`;
    const made = await driveRequest<DriveItem>(ctx, 'POST', url, { name, folder: {}, '@microsoft.graph.conflictBehavior': 'fail' });
    return made.id;
  } catch (error) {
    if (!(error instanceof AdapterError && error.details.status === 409)) throw error;
    const raced = await childNamed(ctx, parentId, name);
    if (!raced?.folder) throw error;
    return raced.id;
  }
}

/** OneDrive refuses `" * : < > ? / \ |` and leading or trailing spaces in a name; they become `_`. */
export const safeName = (name: string): string => name.replace(/["*:<>?/\\|\u0000-\u001f]/g, '_').replace(/^\s+|[\s.]+$/g, '') || '_';
