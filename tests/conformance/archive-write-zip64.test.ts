/**
 * The Ferry archive past 4 GiB: one video of 4.2 GiB and a photo after it (so its offset needs Zip64 as well),
 * staged and zipped with memory staying bounded, then read back with zip.js and every byte checked against the
 * manifest. It writes ~9 GB to the temporary folder and takes minutes, so it runs only with FERRY_ZIP64=1.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BlobReader, TextWriter, ZipReader, type Entry, type FileEntry } from '@zip.js/zip.js';
import { afterAll, describe, expect, it } from 'vitest';
import { archive } from '../../adapters/archive/descriptor';
import { writeArchive } from '../../adapters/archive/write-archive';
import type { ArchiveManifest } from '../../adapters/archive/write/manifest';
import type { ContentStream, DataTypeSupport, ImportItem } from '../../model/adapter';
import type { MediaItem } from '../../model/media';
import { fileBlob } from '../harness/node-scratch';
import { archiveDestination, jobOf } from './archive-write';

const RUN = process.env.FERRY_ZIP64 === '1';
const CHUNK = 1 << 20;
/** 4.2 GiB, past the 4 GiB a plain zip can hold. */
const BIG = 4300 * CHUNK;
/** What the process may grow by while moving 4.2 GiB: a few chunks in flight and the codecs' buffers, never the file. */
const MEMORY_BOUND = 256 * 1024 ** 2;

if (!RUN) console.warn('[archive-write-zip64] skipped: set FERRY_ZIP64=1 to write a 4.2 GiB archive (needs ~9 GB free in the temporary folder)');

/** `size` bytes of a repeating pattern, made as they are read; `digest` resolves to their SHA-256 once read whole. */
function generated(size: number): { content: ContentStream; digest: Promise<string> } {
  const chunk = new Uint8Array(CHUNK).map((_, i) => (i * 31 + 7) & 0xff);
  const hash = createHash('sha256');
  let sent = 0;
  let finish!: (digest: string) => void;
  const digest = new Promise<string>((resolve) => (finish = resolve));
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const length = Math.min(CHUNK, size - sent);
      if (length === 0) {
        finish(hash.digest('hex'));
        controller.close();
        return;
      }
      const piece = length === CHUNK ? chunk : chunk.slice(0, length);
      hash.update(piece);
      sent += length;
      controller.enqueue(piece);
    },
  });
  return { content: { body, size, offset: 0, contentType: 'video/mp4' }, digest };
}

function mediaItem(key: string, fileName: string, content: ContentStream, containerId: string): ImportItem<MediaItem> {
  return {
    key,
    dataType: 'photos',
    title: fileName,
    containerId,
    data: { fileName, mimeType: content.contentType!, sizeBytes: content.size, downloadSource: key, captureTime: '2025-06-01T12:00:00Z' },
    content: () => Promise.resolve(content),
  };
}

function fileNamed(entries: readonly Entry[], name: string): FileEntry {
  const entry = entries.find((e) => e.filename === name);
  if (!entry || entry.directory) throw new Error(`${name} is not a file in the zip`);
  return entry;
}

/** The highest resident memory seen while `work` runs, above what it was before. */
async function peakGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const result = await work();
    return { result, growth: peak - start };
  } finally {
    clearInterval(timer);
  }
}

let work: string | undefined;
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the Ferry archive past 4 GiB', () => {
  it.skipIf(!RUN)('writes Zip64 entries and offsets, streaming with bounded memory (FERRY_ZIP64=1)', async () => {
    work = await mkdtemp(path.join(tmpdir(), 'ferry-zip64-'));
    const { ctx, scratch } = archiveDestination(work);
    const importer = (archive.dataTypes.photos as DataTypeSupport).import!.create(ctx);
    const album = await importer.ensureContainer({ key: 'test:zip64:photos:container:big', dataType: 'photos', name: 'Big' });
    const big = generated(BIG);
    const small = generated(300_000);

    const staged = await peakGrowth(() =>
      importer.importBatch([mediaItem('test:zip64:photos:big', 'big.mp4', big.content, album), mediaItem('test:zip64:photos:after', 'after.jpg', small.content, album)]),
    );
    expect(staged.result.every((r) => r.ok)).toBe(true);
    expect(staged.growth).toBeLessThan(MEMORY_BOUND);

    const job = jobOf(['photos'], { provider: 'test', name: 'Test', account: 'zip64' });
    const written = await peakGrowth(() => writeArchive(ctx, job));
    expect(written.growth).toBeLessThan(MEMORY_BOUND);
    const zipFile = scratch.outputPath(written.result.output);
    expect((await stat(zipFile)).size).toBe(written.result.bytes);
    expect(written.result.bytes).toBeGreaterThan(BIG);

    const reader = new ZipReader(new BlobReader(await fileBlob(zipFile)));
    const entries = await reader.getEntries();
    expect(fileNamed(entries, 'photos/Big/big.mp4')).toMatchObject({ uncompressedSize: BIG, compressedSize: BIG, zip64: true });
    const manifest = JSON.parse(await fileNamed(entries, 'manifest.json').getData(new TextWriter())) as ArchiveManifest;
    const listed = new Map(manifest.files.map((f) => [f.path, f]));
    expect(listed.get('photos/Big/big.mp4')).toEqual({ path: 'photos/Big/big.mp4', bytes: BIG, sha256: await big.digest });
    expect(listed.get('photos/Big/after.jpg')).toEqual({ path: 'photos/Big/after.jpg', bytes: 300_000, sha256: await small.digest });

    // Read back past the 4 GiB mark: the entry after the big one is found and whole.
    const hash = createHash('sha256');
    await fileNamed(entries, 'photos/Big/after.jpg').getData(new WritableStream({ write: (chunk: Uint8Array) => void hash.update(chunk) }));
    expect(hash.digest('hex')).toBe(await small.digest);
    await reader.close();
  }, 1_800_000);
});
