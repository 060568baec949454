/**
 * Media bytes in bounded pieces: a download answered to a Range request as a ContentStream, and a reader that
 * cuts a stream into upload chunks without holding more than one chunk. Used by every adapter that moves files.
 */
import { AdapterError, type ContentStream } from '../model/adapter';

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

/** Reads a byte stream in chunks of a chosen size; only the bytes of the chunk being built are held. */
export class ChunkReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private pending: Uint8Array[] = [];
  private ended = false;

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }

  private async pull(): Promise<boolean> {
    if (this.ended) return false;
    const { done, value } = await this.reader.read();
    if (done) {
      this.ended = true;
      return false;
    }
    if (value.length) this.pending.push(value);
    return true;
  }

  /** The next `size` bytes, fewer only at the end of the stream (empty once it is over). */
  async read(size: number): Promise<Uint8Array<ArrayBuffer>> {
    let held = this.pending.reduce((sum, part) => sum + part.length, 0);
    while (held < size && (await this.pull())) held = this.pending.reduce((sum, part) => sum + part.length, 0);
    const chunk = new Uint8Array(Math.min(size, held));
    let filled = 0;
    while (filled < chunk.length) {
      const part = this.pending[0]!;
      const take = Math.min(part.length, chunk.length - filled);
      chunk.set(part.subarray(0, take), filled);
      filled += take;
      if (take === part.length) this.pending.shift();
      else this.pending[0] = part.subarray(take);
    }
    return chunk;
  }

  /** True once every byte has been read. */
  async atEnd(): Promise<boolean> {
    while (this.pending.length === 0) if (!(await this.pull())) return true;
    return false;
  }

  /** Drops `count` bytes (a source that did not honour a range starts earlier than asked). */
  async skip(count: number): Promise<void> {
    for (let left = count; left > 0; ) {
      const dropped = await this.read(Math.min(left, 1 << 20));
      if (dropped.length === 0) throw new AdapterError('The file ended before the part Ferry needed; Ferry will try again.', 'retry');
      left -= dropped.length;
    }
  }

  async cancel(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }
}
