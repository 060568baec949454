/**
 * A job's scratch folder (`ScratchFiles`) in a folder on disk, for Node tests of destinations that write files: the
 * same promises the browser's origin-private file system keeps (a file is there only once written whole).
 */
import { createWriteStream, openAsBlob } from 'node:fs';
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
      return openAsBlob(target);
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
