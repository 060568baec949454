/** Page tokens: opaque to clients, an offset into the method's stable order here. */
import { badRequest } from '../errors';

export interface Page<T> {
  items: T[];
  nextPageToken?: string;
}

export function paginate<T>(all: readonly T[], maxResults: number, pageToken: string | undefined): Page<T> {
  const offset = pageToken === undefined ? 0 : readToken(pageToken);
  const items = all.slice(offset, offset + maxResults);
  const next = offset + maxResults;
  return next < all.length ? { items, nextPageToken: Buffer.from(JSON.stringify({ o: next })).toString('base64url') } : { items };
}

function readToken(token: string): number {
  const o = decode(token)?.o;
  if (typeof o === 'number' && Number.isSafeInteger(o) && o >= 0) return o;
  throw badRequest('Invalid page token value.', 'invalid', 'global', 'pageToken');
}

function decode(token: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Sync tokens carry the time of the listing they end; a later sync returns what changed after it. */
export const syncTokenAt = (ms: number): string => Buffer.from(JSON.stringify({ t: ms })).toString('base64url');

export function readSyncToken(token: string): number | undefined {
  const t = decode(token)?.t;
  return typeof t === 'number' && Number.isSafeInteger(t) ? t : undefined;
}
