/**
 * Request bodies of the Photos Library API checked as Google's JSON transcoding checks them: unknown members
 * and wrongly typed values are refused with 400 INVALID_ARGUMENT naming them. The shapes are the discovery
 * document's (photoslibrary-v1.json), for the parts Ferry's adapter and the sandbox use; schema.test.ts
 * holds them against the document when ../shared is present.
 */
import type { SandboxRequest } from '../../core/types';
import { invalidArgument } from './errors';

export type SchemaName =
  | 'BatchCreateMediaItemsRequest'
  | 'NewMediaItem'
  | 'SimpleMediaItem'
  | 'AlbumPosition'
  | 'CreateAlbumRequest'
  | 'Album'
  | 'ShareInfo'
  | 'SearchMediaItemsRequest'
  | 'Filters';
export type FieldType = 'string' | 'integer' | 'boolean' | { ref: SchemaName } | { array: FieldType };

export const REQUEST_SCHEMAS: Record<SchemaName, Record<string, FieldType>> = {
  BatchCreateMediaItemsRequest: { albumId: 'string', newMediaItems: { array: { ref: 'NewMediaItem' } }, albumPosition: { ref: 'AlbumPosition' } },
  NewMediaItem: { description: 'string', simpleMediaItem: { ref: 'SimpleMediaItem' } },
  SimpleMediaItem: { uploadToken: 'string', fileName: 'string' },
  AlbumPosition: { position: 'string', relativeMediaItemId: 'string', relativeEnrichmentItemId: 'string' },
  CreateAlbumRequest: { album: { ref: 'Album' } },
  Album: {
    id: 'string',
    title: 'string',
    productUrl: 'string',
    isWriteable: 'boolean',
    shareInfo: { ref: 'ShareInfo' },
    mediaItemsCount: 'string',
    coverPhotoBaseUrl: 'string',
    coverPhotoMediaItemId: 'string',
  },
  ShareInfo: {},
  SearchMediaItemsRequest: { albumId: 'string', pageSize: 'integer', pageToken: 'string', filters: { ref: 'Filters' }, orderBy: 'string' },
  Filters: {},
};

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function check(value: unknown, type: FieldType, at: string): void {
  if (typeof type === 'object' && 'array' in type) {
    if (!Array.isArray(value)) throw invalidArgument(`Invalid value at '${at}', expected a list.`);
    value.forEach((v, i) => check(v, type.array, `${at}[${i}]`));
    return;
  }
  if (typeof type === 'object') {
    checkObject(value, type.ref, at);
    return;
  }
  const ok = type === 'integer' ? Number.isInteger(value) || (typeof value === 'string' && /^-?\d+$/.test(value)) : typeof value === type;
  if (!ok) throw invalidArgument(`Invalid value at '${at}' (TYPE_${type.toUpperCase()}), ${JSON.stringify(value)}`);
}

function checkObject(value: unknown, schema: SchemaName, at: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidArgument(`Invalid value at '${at}', expected an object.`);
  const fields = REQUEST_SCHEMAS[schema];
  for (const [name, member] of Object.entries(value)) {
    const type = fields[name];
    if (!type) throw invalidArgument(`Invalid JSON payload received. Unknown name "${name}"${at ? ` at '${at}'` : ''}: Cannot find field.`);
    if (member !== null) check(member, type, at ? `${at}.${snake(name)}` : snake(name));
  }
}

/** The request body as `schema`, or Google's 400 for what it would refuse. */
export async function readBody<T>(req: SandboxRequest, schema: SchemaName): Promise<T> {
  const text = (await req.body()).toString('utf8').trim();
  let parsed: unknown = {};
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      throw invalidArgument(`Invalid JSON payload received. Unexpected token.\n${text.slice(0, 40)}\n^`);
    }
  }
  checkObject(parsed, schema, '');
  return parsed as T;
}
