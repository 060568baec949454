/**
 * Folder trees on the local disk for the files conformance suite and the transfer test: a sample that exercises names
 * (spaces, `#`, `%`, accents), nesting, an empty folder, an empty file and a file of several upload fragments, with
 * fixed modification times; and the facts of a tree read back (kind, size, SHA-256, modified second) to compare.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ContentStream } from '../../model/adapter';

export interface TreeFact {
  kind: 'file' | 'folder';
  size: number;
  /** Files only. */
  sha256?: string;
  /** Seconds since the epoch. */
  mtime: number;
}

/** A pseudo-random byte stream of `size` bytes from `seed`, never held whole (xorshift, 1 MiB pieces). */
export function* randomBytes(size: number, seed: number, pieceBytes = 1 << 20): Generator<Buffer> {
  let state = seed >>> 0 || 1;
  for (let left = size; left > 0; ) {
    const piece = Buffer.allocUnsafe(Math.min(pieceBytes, left) & ~3 || Math.min(pieceBytes, left));
    for (let i = 0; i + 3 < piece.length; i += 4) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      piece.writeUInt32LE(state >>> 0, i);
    }
    for (let i = piece.length & ~3; i < piece.length; i++) piece[i] = i & 0xff;
    left -= piece.length;
    yield piece;
  }
}

export const sha256Of = async (chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<string> => {
  const hash = createHash('sha256');
  for await (const chunk of chunks) hash.update(chunk);
  return hash.digest('hex');
};

/** The sample tree's files: path → size (bytes are random from the path's index) and the folder left empty. */
export const SAMPLE_FILES: readonly [string, number][] = [
  ['Documents/report.txt', 1200],
  ['Documents/Budget 2026.csv', 40_000],
  ['Documents/Archive/old #1.txt', 300],
  ['Documents/Archive/deep/er/note.md', 90],
  ['Über café/naïve résumé.txt', 512],
  ['100% done.txt', 77],
  ['zero.bin', 0],
  // Larger than one 10 MiB OneDrive upload fragment and not a multiple of 320 KiB.
  ['Media/big.bin', 11 * 1024 * 1024 + 12_345],
];
export const SAMPLE_EMPTY_FOLDER = 'Empty folder';
/** 2024-03-05T06:07:08Z plus a day per file, so each has its own time. */
const BASE_MTIME = 1_709_618_828;

export async function writeSampleTree(dir: string): Promise<void> {
  await mkdir(join(dir, SAMPLE_EMPTY_FOLDER), { recursive: true });
  for (const [i, [path, size]] of SAMPLE_FILES.entries()) {
    const full = join(dir, path);
    await mkdir(join(full, '..'), { recursive: true });
    await writeFile(full, Buffer.concat([...randomBytes(size, i + 1)]));
    const at = BASE_MTIME + i * 86_400;
    await utimes(full, at, at);
  }
}

/** Every file and folder under `dir` by path, with its facts. */
export async function readTree(dir: string, prefix = ''): Promise<Map<string, TreeFact>> {
  const facts = new Map<string, TreeFact>();
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    const full = join(dir, entry.name);
    const info = await stat(full);
    if (entry.isDirectory()) {
      facts.set(path, { kind: 'folder', size: 0, mtime: Math.floor(info.mtimeMs / 1000) });
      for (const [p, f] of await readTree(full, path)) facts.set(p, f);
    } else {
      facts.set(path, { kind: 'file', size: info.size, sha256: await sha256Of(createReadStream(full)), mtime: Math.floor(info.mtimeMs / 1000) });
    }
  }
  return facts;
}

/** A local file as a source's content, from byte `from`, streamed. */
export async function fileContent(path: string, from = 0): Promise<ContentStream> {
  const { size } = await stat(path);
  return { body: Readable.toWeb(createReadStream(path, { start: from })) as ReadableStream<Uint8Array>, size, offset: from };
}
