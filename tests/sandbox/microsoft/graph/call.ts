/** One Graph request as the handlers see it. */
import type { Readable } from 'node:stream';
import type { SandboxRequest } from '../../core/types';
import type { Preferences } from '../calendar/present';
import { badRequest } from './errors';

export interface GraphCall {
  req: SandboxRequest;
  query: URLSearchParams;
  prefs: Preferences;
  /** `<origin>/graph.microsoft.com/v1.0`, for @odata.context and @odata.nextLink. */
  serviceRoot: string;
  /** Path and query as requested below the service root (`/me/events?$top=5`). */
  relativeUrl: string;
}

export interface GraphReply {
  status: number;
  /** An object is sent as Graph JSON; bytes and streams (a message's `$value`, a file's content) as they are. */
  body?: Record<string, unknown> | Buffer | Readable | string;
  headers?: Record<string, string>;
}

export const readJson = async (call: GraphCall): Promise<unknown> => {
  const raw = (await call.req.body()).toString('utf8');
  const type = call.req.headers['content-type'] ?? '';
  const unreadable = badRequest('BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  if (!/^application\/json\b/i.test(type) || raw.trim() === '') throw unreadable;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw unreadable;
  }
};

export const ok = (body: Record<string, unknown>, status = 200): GraphReply => ({ status, body });
export const noContent = (): GraphReply => ({ status: 204 });
