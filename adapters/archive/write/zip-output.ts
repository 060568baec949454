/**
 * The archive's zip, streamed into the file the person is handed: entries go in one after another, each read as a
 * stream and hashed (SHA-256) on its way in, so no file is ever held whole. Media are stored as they are (they are
 * compressed already); text is deflated. zip.js switches an entry, and the central directory, to Zip64 once sizes or
 * offsets pass 4 GiB.
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import { ZipWriter, configure } from '@zip.js/zip.js';

configure({ useWebWorkers: false });

export interface ArchivedFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface EntryOptions {
  /** Deflate it (text); otherwise stored as it is (photos, videos, files already compressed). */
  compress: boolean;
  modified: Date;
  /** The size of a stream when known beforehand (text's is), so zip.js uses Zip64 only where the entry needs it. */
  size?: number;
}

const DEFLATE_LEVEL = 6;

/** Counts and hashes what passes through, keeping nothing. */
function hashing(onEnd: (bytes: number, digest: string) => void): TransformStream<Uint8Array, Uint8Array> {
  const hash = sha256.create();
  let bytes = 0;
  return new TransformStream({
    transform(chunk, controller) {
      hash.update(chunk);
      bytes += chunk.length;
      controller.enqueue(chunk);
    },
    flush() {
      onEnd(bytes, bytesToHex(hash.digest()));
    },
  });
}

function counting(onChunk: (length: number) => void): TransformStream<Uint8Array, Uint8Array> {
  return new TransformStream({
    transform(chunk, controller) {
      onChunk(chunk.length);
      controller.enqueue(chunk);
    },
  });
}

export class ArchiveZip {
  private readonly writer: ZipWriter<unknown>;
  private readonly written: Promise<void>;
  private readonly stop = new AbortController();
  private zipBytes = 0;
  readonly files: ArchivedFile[] = [];

  constructor(output: WritableStream<Uint8Array>) {
    const count = counting((length) => (this.zipBytes += length));
    this.written = count.readable.pipeTo(output, { signal: this.stop.signal });
    this.writer = new ZipWriter(count.writable, { keepOrder: true, bufferedWrite: false });
  }

  /** Adds a file and records its size and SHA-256 for the manifest. */
  async add(path: string, content: ReadableStream<Uint8Array> | string, options: EntryOptions): Promise<void> {
    let file: ArchivedFile | undefined;
    const text = typeof content === 'string' ? new Blob([content]) : undefined;
    const size = text?.size ?? options.size;
    const stream = (text ? text.stream() : (content as ReadableStream<Uint8Array>)).pipeThrough(
      hashing((bytes, digest) => (file = { path, bytes, sha256: digest })),
    );
    try {
      await this.writer.add(path, stream, {
        level: options.compress ? DEFLATE_LEVEL : 0,
        lastModDate: options.modified,
        ...(size !== undefined && { uncompressedSize: size }),
      });
    } catch (error) {
      throw new Error(`${path} could not be added to the archive: ${(error as Error).message}`, { cause: error });
    }
    if (!file) throw new Error(`${path} ended before its last byte reached the archive`);
    this.files.push(file);
  }

  /** A folder entry, so an empty folder survives. */
  async addFolder(path: string, modified: Date): Promise<void> {
    await this.writer.add(`${path}/`, null, { directory: true, lastModDate: modified });
  }

  /** Gives up on a zip that cannot be finished: the output is aborted, so no half archive passes for a whole one. */
  async abandon(reason: unknown): Promise<void> {
    this.stop.abort(reason);
    await this.written.catch(() => undefined);
  }

  /** Adds the manifest, which lists every other file, writes the central directory and returns the zip's size. */
  async close(manifest: string, modified: Date): Promise<number> {
    const text = new Blob([manifest]);
    await this.writer.add('manifest.json', text.stream(), { uncompressedSize: text.size, level: DEFLATE_LEVEL, lastModDate: modified });
    await this.writer.close();
    await this.written;
    return this.zipBytes;
  }
}
