/**
 * The Google Photos Picker API (https://photospicker.googleapis.com/v1), from its published reference
 * (developers.google.com/photos/picker/reference/rest): sessions.create / get / delete and mediaItems.list.
 * It has no discovery document, so its shapes live here: PickingSession, PollingConfig, PickedMediaItem.
 */
import type { SandboxContext, SandboxReply, SandboxRequest } from '../../core/types';
import { pathSegments } from '../http';
import { PICKER_SCOPE, authorise } from './auth';
import { baseUrlOf } from './content-host';
import { RpcError, failedPrecondition, invalidArgument, notFound } from './errors';
import { newOpaque, type PhotosLibrary, type PickerSession, type StoredMediaItem } from './store';

export const PICKER_HOST = 'photospicker.googleapis.com';
export const PICKER_PAGE_HOST = 'photos.google.com';
/** How long a person has to pick, and how often a client should ask meanwhile. */
export const SESSION_LIFETIME_MS = 30 * 60_000;
export const POLL_INTERVAL = '5s';
/** mediaItems.list: "If unspecified or set to 0, at most 50 media items is returned. The maximum value is 100". */
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;

export interface PickingSessionJson {
  id: string;
  pickerUri: string;
  pollingConfig: { pollInterval: string; timeoutIn: string };
  expireTime: string;
  mediaItemsSet: boolean;
}

export interface PickedMediaItemJson {
  id: string;
  createTime: string;
  type: 'PHOTO' | 'VIDEO';
  mediaFile: {
    baseUrl: string;
    mimeType: string;
    filename: string;
    mediaFileMetadata: { width?: number; height?: number; videoMetadata?: { processingStatus: 'READY' } };
  };
}

export interface PickerDeps {
  ctx: SandboxContext;
  library: PhotosLibrary;
  now: () => number;
}

const seconds = (ms: number): string => `${Math.max(0, Math.ceil(ms / 1000))}s`;

export function sessionJson(deps: PickerDeps, session: PickerSession): PickingSessionJson {
  const open = !session.picked && deps.now() < session.expiresAt;
  return {
    id: session.id,
    pickerUri: `${deps.ctx.hostUrl(PICKER_PAGE_HOST)}/picker/${session.id}`,
    pollingConfig: { pollInterval: POLL_INTERVAL, timeoutIn: open ? seconds(session.expiresAt - deps.now()) : '0s' },
    expireTime: new Date(session.expiresAt).toISOString(),
    mediaItemsSet: Boolean(session.picked),
  };
}

function pickedJson(deps: PickerDeps, item: StoredMediaItem): PickedMediaItemJson {
  const video = item.mimeType.startsWith('video/');
  const metadata: PickedMediaItemJson['mediaFile']['mediaFileMetadata'] = {};
  if (item.width) metadata.width = item.width;
  if (item.height) metadata.height = item.height;
  if (video) metadata.videoMetadata = { processingStatus: 'READY' };
  return {
    id: item.id,
    createTime: item.creationTime,
    type: video ? 'VIDEO' : 'PHOTO',
    mediaFile: { baseUrl: baseUrlOf(deps.ctx, deps.library, item.id, deps.now()), mimeType: item.mimeType, filename: item.filename, mediaFileMetadata: metadata },
  };
}

/** The caller's own live session, else 404 as for a session that never was. */
export function ownSession(deps: PickerDeps, id: string | undefined, clientId: string): PickerSession {
  const session = id ? deps.library.sessions.get(id) : undefined;
  if (!session || session.deleted || session.clientId !== clientId || deps.now() >= session.expiresAt) throw notFound();
  return session;
}

async function createSession(deps: PickerDeps, req: SandboxRequest, clientId: string): Promise<PickingSessionJson> {
  const text = (await req.body()).toString('utf8').trim();
  if (text) {
    const body = JSON.parse(text) as Record<string, unknown>;
    const unknown = Object.keys(body).find((k) => !['id', 'pickerUri', 'pollingConfig', 'expireTime', 'pickingConfig', 'mediaItemsSet'].includes(k));
    if (unknown) throw invalidArgument(`Invalid JSON payload received. Unknown name "${unknown}": Cannot find field.`);
  }
  const session: PickerSession = { id: crypto.randomUUID(), clientId, createdAt: deps.now(), expiresAt: deps.now() + SESSION_LIFETIME_MS, deleted: false };
  deps.library.sessions.set(session.id, session);
  return sessionJson(deps, session);
}

function listPicked(deps: PickerDeps, query: URLSearchParams, clientId: string): object {
  const session = ownSession(deps, query.get('sessionId') ?? undefined, clientId);
  if (!session.picked) throw failedPrecondition('The user has not yet finished picking media items for this session. Poll sessions.get until mediaItemsSet is true.');
  const sizeText = query.get('pageSize') ?? '0';
  if (!/^-?\d+$/.test(sizeText)) throw invalidArgument(`Invalid value at 'page_size' (TYPE_INT32), "${sizeText}"`);
  const size = Number(sizeText);
  if (size < 0) throw invalidArgument('page_size must not be negative.');
  const pageSize = size === 0 ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
  const token = query.get('pageToken');
  const start = token ? readPageToken(token, session.id) : 0;
  const ids = session.picked.slice(start, start + pageSize);
  const mediaItems = ids.flatMap((id) => {
    const item = deps.library.items.get(id);
    return item ? [pickedJson(deps, item)] : [];
  });
  const end = start + pageSize;
  return end < session.picked.length ? { mediaItems, nextPageToken: pageToken(end, session.id) } : { mediaItems };
}

const pageToken = (offset: number, sessionId: string): string => Buffer.from(JSON.stringify({ o: offset, s: sessionId, n: newOpaque(6) })).toString('base64url');

function readPageToken(token: string, sessionId: string): number {
  try {
    const { o, s } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; s?: unknown };
    if (s === sessionId && Number.isInteger(o) && (o as number) >= 0) return o as number;
  } catch {
    // an unreadable token is refused below
  }
  throw invalidArgument('Invalid page token.');
}

export function createPickerApi(deps: PickerDeps) {
  return async (req: SandboxRequest): Promise<SandboxReply> => {
    try {
      const segments = pathSegments(req.path);
      if (segments[0] !== 'v1') throw notFound();
      const grant = authorise(deps.ctx.tokens, req, [PICKER_SCOPE], PICKER_HOST);
      const [, resource, id, ...rest] = segments;
      if (rest.length) throw notFound();
      if (resource === 'sessions' && id === undefined && req.method === 'POST') return { status: 200, body: await createSession(deps, req, grant.clientId) };
      if (resource === 'sessions' && id !== undefined && req.method === 'GET') return { status: 200, body: sessionJson(deps, ownSession(deps, id, grant.clientId)) };
      if (resource === 'sessions' && id !== undefined && req.method === 'DELETE') {
        ownSession(deps, id, grant.clientId).deleted = true;
        return { status: 200, body: {} };
      }
      if (resource === 'mediaItems' && id === undefined && req.method === 'GET') return { status: 200, body: listPicked(deps, req.query, grant.clientId) };
      throw notFound();
    } catch (error) {
      if (error instanceof RpcError) return error.reply();
      if (error instanceof SyntaxError) return invalidArgument('Invalid JSON payload received.').reply();
      throw error;
    }
  };
}
