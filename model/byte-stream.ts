/**
 * Byte streams for mail and media: web ReadableStreams (what fetch gives and takes) as async iterables and
 * back, and a reader that hands out bounded chunks, so a message or a file is moved without ever being held whole.
 */

/** The chunks of a ReadableStream (not every browser makes streams async-iterable). */
export async function* iterateStream(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value.length) yield value;
    }
  } finally {
    reader.releaseLock();
    await stream.cancel().catch(() => undefined);
  }
}

/** A ReadableStream that pulls from an async iterable only as fast as it is read. */
export function streamOf(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/**
 * The reader's bytes from `from` up to `size` in pieces of `pieceBytes`, each with its offset. The next piece is
 * read while the caller sends this one, so download and upload overlap instead of taking turns; two pieces are
 * held at most. An empty piece means the source ended before `size`.
 */
export async function* piecesAhead(reader: ChunkReader, from: number, size: number, pieceBytes: number): AsyncGenerator<{ offset: number; bytes: Uint8Array<ArrayBuffer> }> {
  const readAt = (offset: number) => (offset < size ? reader.read(Math.min(pieceBytes, size - offset)) : undefined);
  let pending = readAt(from);
  let offset = from;
  try {
    while (pending) {
      const bytes = await pending;
      pending = bytes.length ? readAt(offset + bytes.length) : undefined;
      // Awaited on the next turn; until then a failed read must not count as unhandled.
      pending?.catch(() => undefined);
      yield { offset, bytes };
      offset += bytes.length;
    }
  } finally {
    // A caller that stops early (an error, the last answer) leaves the reader between reads, ready to close.
    await pending?.catch(() => undefined);
  }
}

/** Takes bytes off a stream in chunks of a chosen size (the last may be shorter), holding at most one chunk. */
export class ChunkReader {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private rest: Uint8Array = new Uint8Array(0);
  private ended = false;
  /** Bytes handed out so far. */
  position = 0;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** Up to `size` bytes; fewer only at the end, an empty array once the stream is done. */
  async read(size: number): Promise<Uint8Array<ArrayBuffer>> {
    const out = new Uint8Array(size);
    let filled = 0;
    while (filled < size) {
      if (this.rest.length === 0) {
        if (this.ended) break;
        const next = await this.iterator.next();
        if (next.done) {
          this.ended = true;
          break;
        }
        this.rest = next.value;
      }
      const take = Math.min(size - filled, this.rest.length);
      out.set(this.rest.subarray(0, take), filled);
      this.rest = this.rest.subarray(take);
      filled += take;
    }
    this.position += filled;
    return filled === size ? out : out.slice(0, filled);
  }

  /** Drops `count` bytes (a source that ignored a range request started earlier than asked). */
  async skip(count: number): Promise<void> {
    let left = count;
    while (left > 0) {
      const piece = await this.read(Math.min(left, 1 << 20));
      if (piece.length === 0) return;
      left -= piece.length;
    }
  }

  /** True when nothing is left (reads ahead by at most one chunk of the source). */
  async atEnd(): Promise<boolean> {
    if (this.rest.length) return false;
    if (this.ended) return true;
    const next = await this.iterator.next();
    if (next.done) {
      this.ended = true;
      return true;
    }
    this.rest = next.value;
    return this.rest.length === 0 ? this.atEnd() : false;
  }

  async close(): Promise<void> {
    await this.iterator.return?.();
  }
}
