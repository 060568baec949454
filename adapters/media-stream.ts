/**
 * A download answered to a Range request as a ContentStream, and one that carries on past a broken connection
 * (the chunked reading is model/byte-stream.ts's ChunkReader). Used by every adapter that moves files, and by
 * the engine for every item's bytes.
 */
import { AdapterError, type ContentStream } from '../model/adapter';
import { streamOf } from '../model/byte-stream';

/** The ContentStream of a download asked from byte `from` (206 honoured the range; 200 starts at 0). */
export function contentFromResponse(response: Response, from: number, provider: string): ContentStream {
  if (!response.body) throw new AdapterError(`${provider} sent no bytes for this file; Ferry will try again.`, 'retry');
  const range = /^bytes (\d+)-\d+\/(\d+)$/.exec(response.headers.get('content-range') ?? '');
  const length = Number(response.headers.get('content-length') ?? NaN);
  const contentType = response.headers.get('content-type') ?? undefined;
  const stream: ContentStream = { body: response.body, offset: response.status === 206 && range ? Number(range[1]) : 0 };
  const size = range ? Number(range[2]) : response.status === 200 && Number.isFinite(length) ? length : undefined;
  if (size !== undefined) stream.size = size;
  if (contentType) stream.contentType = contentType;
  if (from > 0 && stream.offset !== from && stream.offset !== 0) {
    throw new AdapterError(`${provider} answered from byte ${stream.offset} when byte ${from} was asked for; Ferry will try again.`, 'retry');
  }
  return stream;
}

/** Times a broken download is reopened at the byte it reached before the item is tried again whole. */
export const MAX_REOPENS = 5;

const isAbort = (error: unknown): boolean => error instanceof Error && error.name === 'AbortError';

/**
 * The content from byte `from`, reopened at the byte reached whenever its body breaks off (a dropped
 * connection, a network error) through `open` — a Range request — at most `reopens` times. A source that
 * answers the reopening from byte 0 (no range support) cannot continue mid-stream: the read then fails with a
 * retry error and the item is tried again whole.
 */
export async function reopeningContent(open: (from: number) => Promise<ContentStream>, from: number, title: string, reopens = MAX_REOPENS): Promise<ContentStream> {
  const first = await open(from);
  const { size } = first;
  let current = first;
  let position = first.offset;
  let left = reopens;
  const brokeOff = (cause: unknown, why: string) =>
    new AdapterError(`The download of “${title}” broke off at byte ${position} (${cause instanceof Error ? cause.message : String(cause)}) and ${why}; Ferry will try again.`, 'retry');
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const reader = current.body.getReader();
      let finished = false;
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) {
            finished = true;
            return;
          }
          position += value.length;
          yield value;
        }
      } catch (error) {
        finished = true;
        if (isAbort(error) || error instanceof AdapterError) throw error;
        if (size !== undefined && position >= size) return;
        if (left-- <= 0) throw brokeOff(error, `broke off ${reopens} times already`);
        const next = await open(position);
        if (next.offset !== position) {
          await next.body.cancel().catch(() => undefined);
          throw brokeOff(error, 'the source cannot send it from there');
        }
        current = next;
      } finally {
        if (!finished) await reader.cancel().catch(() => undefined);
        reader.releaseLock();
      }
    }
  }
  return { ...first, body: streamOf(chunks()) };
}
