/**
 * A job's scratch folder (`ScratchFiles`) in a folder on disk, for Node tests of destinations that write files: the
 * same promises the browser's origin-private file system keeps (a file is there only once written whole).
 */
import { createReadStream, createWriteStream, openAsBlob } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { ScratchFiles } from '../../model/adapter';

function inside(root: string, relative: string): string {
  const full = path.resolve(root, relative);
  if (!full.startsWith(path.resolve(root) + path.sep)) throw new Error(`"${relative}" leaves the scratch folder`);
  return full;
}

/**
 * A file on disk as a Blob read by range, for files of 4 GiB and more: Node 20's `openAsBlob` gives their size modulo
 * 2^32 (a 4.2 GiB file says 213 909 504 bytes). Only what archive code and zip.js's BlobReader call is provided.
 */
class LargeFileBlob extends Blob {
  constructor(
    private readonly file: string,
    private readonly start: number,
    private readonly end: number,
  ) {
    super([]);
    Object.defineProperty(this, 'size', { value: end - start });
  }

  override stream(): ReturnType<Blob['stream']> {
    if (this.end === this.start) return new Blob([]).stream();
    return Readable.toWeb(createReadStream(this.file, { start: this.start, end: this.end - 1 })) as unknown as ReturnType<Blob['stream']>;
  }

  override slice(start = 0, end = this.end - this.start): Blob {
    const size = this.end - this.start;
    const at = (n: number) => Math.min(size, Math.max(0, n < 0 ? size + n : n));
    return new LargeFileBlob(this.file, this.start + at(start), this.start + Math.max(at(start), at(end)));
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    const parts: Uint8Array[] = [];
    for await (const part of this.stream() as unknown as AsyncIterable<Uint8Array>) parts.push(part);
    const whole = Buffer.concat(parts);
    return whole.buffer.slice(whole.byteOffset, whole.byteOffset + whole.length) as ArrayBuffer;
  }

  override async text(): Promise<string> {
    return new TextDecoder().decode(await this.arrayBuffer());
  }
}

/** A file on disk as a Blob, never read whole, whatever its size. */
export async function fileBlob(file: string): Promise<Blob> {
  const { size } = await stat(file);
  return size < 2 ** 32 ? openAsBlob(file) : new LargeFileBlob(file, 0, size);
}

function bodyOf(content: ReadableStream<Uint8Array> | Blob | string): Readable {
  if (typeof content === 'string') return Readable.from([Buffer.from(content, 'utf8')]);
  const stream = content instanceof Blob ? content.stream() : content;
  return Readable.fromWeb(stream as unknown as NodeReadableStream<Uint8Array>);
}

async function walk(dir: string, base: string, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const relative = base ? `${base}/${entry.name}` : entry.name;
    if (entry.isDirectory()) await walk(path.join(dir, entry.name), relative, out);
    else if (!entry.name.endsWith('.partial')) out.push(relative);
  }
}

/** Scratch files under `root/scratch`; the output named by `openOutput` is written to `root/<name>`. */
export function nodeScratch(root: string): ScratchFiles & { outputPath(name: string): string } {
  const scratchRoot = path.join(root, 'scratch');
  return {
    async write(relative, content) {
      const target = inside(scratchRoot, relative);
      await mkdir(path.dirname(target), { recursive: true });
      const partial = `${target}.partial`;
      await pipeline(bodyOf(content), createWriteStream(partial));
      await rename(partial, target);
    },
    async read(relative) {
      const target = inside(scratchRoot, relative);
      try {
        if (!(await stat(target)).isFile()) return undefined;
      } catch {
        return undefined;
      }
      return fileBlob(target);
    },
    async list(prefix) {
      const out: string[] = [];
      await walk(scratchRoot, '', out);
      return out.filter((p) => p.startsWith(prefix));
    },
    async remove(relative) {
      await rm(inside(scratchRoot, relative), { force: true });
    },
    async openOutput(name) {
      const target = inside(root, name);
      await mkdir(path.dirname(target), { recursive: true });
      return Writable.toWeb(createWriteStream(target)) as unknown as WritableStream<Uint8Array>;
    },
    outputPath: (name) => inside(root, name),
  };
}
