/**
 * Gmail's batch endpoint (https://developers.google.com/workspace/gmail/api/guides/batch): `POST /batch/gmail/v1`
 * (the discovery document's batchPath, `/batch`, too), at most 100 calls, each answered as if sent alone:
 * it is authorised, costs its quota units, and may get its own 429.
 */
import { Readable } from 'node:stream';
import type { SandboxReply, SandboxRequest } from '../../core/types';
import { handleBatch, type BatchApi } from '../calendar/batch';

export const GMAIL_BATCH_PATHS = ['/batch/gmail/v1', '/batch'];

/** "You're limited to 100 calls in a single batch request." */
export const MAX_GMAIL_BATCH_CALLS = 100;

async function buffered(reply: SandboxReply): Promise<SandboxReply> {
  if (!(reply.body instanceof Readable)) return reply;
  const chunks: Buffer[] = [];
  for await (const chunk of reply.body) chunks.push(Buffer.from(chunk as Uint8Array));
  return { ...reply, body: Buffer.concat(chunks).toString('utf8') };
}

/** Answers a Gmail batch through `handle`, the same handler single calls reach. */
export function handleGmailBatch(req: SandboxRequest, host: string, handle: (inner: SandboxRequest) => Promise<SandboxReply | undefined>): Promise<SandboxReply> {
  const api: BatchApi = { host, prefix: '/gmail/v1', maxCalls: MAX_GMAIL_BATCH_CALLS };
  return handleBatch(
    req,
    async (inner) => {
      const body = await inner.body();
      const reply = await handle({ ...inner, host, path: `${api.prefix}${inner.path}`, stream: Readable.from([body]) });
      return buffered(reply ?? { status: 404, body: { error: { code: 404, message: 'Not Found', status: 'NOT_FOUND' } } });
    },
    api,
  );
}
