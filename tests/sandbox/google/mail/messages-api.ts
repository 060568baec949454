/**
 * messages.list and messages.get. A format=raw answer is streamed: the JSON around the base64url `raw`
 * member is written piece by piece, as Gmail's own large answers arrive.
 */
import { Readable } from 'node:stream';
import { headerValue, parseHeaderBlock } from '../../../../model/mail-headers';
import { GoogleApiError, badRequest, notFound } from '../errors';
import type { Params } from '../calendar/query-params';
import { paginate } from '../calendar/paging';
import { MAX_LIST_RESULTS } from './methods';
import type { GmailMailbox, StoredMessage } from './store';

/** Bytes of the message per piece of a streamed raw answer (a multiple of 3, so each piece encodes alone). */
const RAW_PIECE = 3 * 64 * 1024;

const unsupportedQuery = (q: string) =>
  new GoogleApiError(501, [{ domain: 'global', reason: 'notImplemented', message: `The Ferry sandbox searches by rfc822msgid: only, not "${q}".` }]);

/** `rfc822msgid:<id>` (brackets optional), the one search term the sandbox answers. */
function matcherOf(q: string | undefined): ((m: StoredMessage) => boolean) | undefined {
  if (q === undefined || q.trim() === '') return undefined;
  const match = /^\s*rfc822msgid:\s*(?:"([^"]*)"|(\S+))\s*$/i.exec(q);
  if (!match) throw unsupportedQuery(q);
  const bare = (id: string) => id.replace(/[\s"]/g, '').replace(/^<|>$/g, '');
  const wanted = bare(match[1] ?? match[2]!);
  return (m) => bare(headerValue(parseHeaderBlock(m.raw), 'Message-ID') ?? '') === wanted;
}

export function listMessages(mailbox: GmailMailbox, params: Params) {
  const maxResults = Math.min(typeof params.maxResults === 'number' ? params.maxResults : 100, MAX_LIST_RESULTS);
  if (maxResults < 1) throw badRequest(`Invalid value '${String(params.maxResults)}'. Values must be greater than or equal to 1.`, 'invalid', 'global', 'maxResults');
  const labelIds = (params.labelIds as string[] | undefined) ?? [];
  const matches = matcherOf(params.q as string | undefined);
  const includeSpamTrash = params.includeSpamTrash === true;
  const all = mailbox.ordered().filter(
    (m) =>
      (includeSpamTrash || !m.labelIds.some((l) => l === 'SPAM' || l === 'TRASH')) &&
      labelIds.every((l) => m.labelIds.includes(l)) &&
      (!matches || matches(m)),
  );
  const page = paginate(all, maxResults, params.pageToken as string | undefined);
  return {
    ...(page.items.length && { messages: page.items.map((m) => ({ id: m.id, threadId: m.threadId })) }),
    ...(page.nextPageToken && { nextPageToken: page.nextPageToken }),
    resultSizeEstimate: all.length,
  };
}

function snippetOf(raw: Buffer): string {
  const text = raw.toString('latin1');
  const body = text.slice((/\r?\n\r?\n/.exec(text)?.index ?? text.length) + 2);
  return body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120);
}

function minimal(m: StoredMessage) {
  return {
    id: m.id,
    threadId: m.threadId,
    labelIds: [...m.labelIds],
    snippet: snippetOf(m.raw),
    sizeEstimate: m.raw.length,
    historyId: String(m.historyId),
    internalDate: String(m.internalDate),
  };
}

function payloadOf(m: StoredMessage, only: string[] | undefined) {
  const fields = parseHeaderBlock(m.raw);
  const wanted = only?.map((h) => h.toLowerCase());
  const headers = fields.filter((f) => !wanted || wanted.includes(f.name.toLowerCase())).map((f) => ({ name: f.name, value: f.value }));
  const type = (headerValue(fields, 'Content-Type') ?? 'text/plain').split(';')[0]!.trim().toLowerCase();
  return { partId: '', mimeType: type, filename: '', headers, body: { size: 0 } };
}

/** The JSON of a format=raw answer as a stream: `raw` sits between members, as in Gmail's own answers. */
function rawAnswer(m: StoredMessage): Readable {
  const { internalDate, historyId, ...head } = minimal(m);
  const raw = m.raw;
  async function* pieces(): AsyncGenerator<Buffer> {
    yield Buffer.from(`${JSON.stringify(head).slice(0, -1)},"raw":"`);
    for (let at = 0; at < raw.length; at += RAW_PIECE) yield Buffer.from(raw.subarray(at, at + RAW_PIECE).toString('base64url'));
    yield Buffer.from(`","historyId":${JSON.stringify(historyId)},"internalDate":${JSON.stringify(internalDate)}}`);
  }
  return Readable.from(pieces());
}

export function getMessage(mailbox: GmailMailbox, id: string, params: Params, metadataOnly: boolean): object | Readable {
  const m = mailbox.messages.get(id);
  if (!m) throw notFound();
  const format = (params.format as string | undefined) ?? 'full';
  if (metadataOnly && (format === 'raw' || format === 'full')) {
    throw new GoogleApiError(403, [{ domain: 'global', reason: 'forbidden', message: `Metadata scope doesn't allow format ${format.toUpperCase()}` }]);
  }
  if (format === 'minimal') return minimal(m);
  if (format === 'raw') return rawAnswer(m);
  return { ...minimal(m), payload: payloadOf(m, format === 'metadata' ? (params.metadataHeaders as string[] | undefined) : undefined) };
}
