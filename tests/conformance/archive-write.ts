/**
 * The Ferry archive as a destination in Node: a job's items moved from a source exporter into the archive's
 * importers with a scratch folder on disk (tests/harness/node-scratch.ts), the zip written, and the zip read back:
 * extracted to a folder the dump readers (tests/harness/*-facts.ts) can read, every file checked against the manifest.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, openAsBlob } from 'node:fs';
import { mkdir, readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { BlobReader, ZipReader, type Entry } from '@zip.js/zip.js';
import { archive } from '../../adapters/archive/descriptor';
import type { ArchiveManifest } from '../../adapters/archive/write/manifest';
import type { AdapterContext, DataType, DataTypeSupport, Exporter, ImportResult, JobSummary } from '../../model/adapter';
import { nodeScratch } from '../harness/node-scratch';
import { transfer } from './archive-transfer';

export type ArchiveScratch = ReturnType<typeof nodeScratch>;

/** The archive's side of a job: a context whose scratch folder is `<root>/scratch`, its zip written to `<root>/`. */
export function archiveDestination(root: string): { ctx: AdapterContext; scratch: ArchiveScratch } {
  const scratch = nodeScratch(root);
  const ctx: AdapterContext = {
    account: 'archive',
    url: (real) => real,
    fetch: () => Promise.reject(new Error('the archive makes no requests')),
    localFiles: { scratch },
  };
  return { ctx, scratch };
}

/** Moves every item of one data type from `exporter` into the archive's importer. */
export async function transferInto(ctx: AdapterContext, dataType: DataType, exporter: Exporter): Promise<Map<string, ImportResult>> {
  const support = archive.dataTypes[dataType] as DataTypeSupport;
  const { results } = await transfer(exporter, support.import!.create(ctx), support.import!.batchSize);
  return results;
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** SHA-256 of a file on disk, read as a stream. */
export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of (await openAsBlob(file)).stream() as unknown as AsyncIterable<Uint8Array>) hash.update(chunk);
  return hash.digest('hex');
}

/** Every file under `dir` (relative, `/`-separated) with its SHA-256. */
export async function treeHashes(dir: string, base = ''): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(path.join(dir, base), { withFileTypes: true }).catch(() => [])) {
    const relative = base ? `${base}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [p, h] of await treeHashes(dir, relative)) out.set(p, h);
    else out.set(relative, await fileSha256(path.join(dir, relative)));
  }
  return out;
}

export interface ExtractedArchive {
  manifest: ArchiveManifest;
  /** Every entry of the zip, folders ending in `/`. */
  entries: Entry[];
}

/** Unzips `zipFile` into `dir` with zip.js, streaming each entry to disk. */
export async function extractArchive(zipFile: string, dir: string): Promise<ExtractedArchive> {
  const reader = new ZipReader(new BlobReader(await openAsBlob(zipFile)));
  try {
    const entries = await reader.getEntries();
    for (const entry of entries) {
      const target = path.join(dir, entry.filename);
      if (entry.directory) {
        await mkdir(target, { recursive: true });
        continue;
      }
      await mkdir(path.dirname(target), { recursive: true });
      await entry.getData!(Writable.toWeb(createWriteStream(target)) as WritableStream<Uint8Array>);
    }
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as ArchiveManifest;
    return { manifest, entries };
  } finally {
    await reader.close();
  }
}

/** What is wrong with the manifest of an extracted archive: a file it does not list, or one whose size or hash differ. */
export async function manifestProblems(dir: string, extracted: ExtractedArchive): Promise<string[]> {
  const problems: string[] = [];
  const listed = new Map(extracted.manifest.files.map((f) => [f.path, f]));
  const files = extracted.entries.filter((e) => !e.directory && e.filename !== 'manifest.json');
  for (const entry of files) {
    const want = listed.get(entry.filename);
    if (!want) {
      problems.push(`${entry.filename}: in the zip, not in the manifest`);
      continue;
    }
    const file = path.join(dir, entry.filename);
    const bytes = (await stat(file)).size;
    if (bytes !== want.bytes) problems.push(`${entry.filename}: ${bytes} bytes, the manifest says ${want.bytes}`);
    const hash = await fileSha256(file);
    if (hash !== want.sha256) problems.push(`${entry.filename}: SHA-256 ${hash}, the manifest says ${want.sha256}`);
  }
  const inZip = new Set(files.map((e) => e.filename));
  for (const file of extracted.manifest.files) if (!inZip.has(file.path)) problems.push(`${file.path}: in the manifest, not in the zip`);
  return problems;
}

export function jobOf(dataTypes: readonly DataType[], source: JobSummary['source']): JobSummary {
  const createdAt = Date.parse('2026-03-14T09:26:53Z');
  return { id: 'job-archive-write', dataTypes, source, createdAt, finishedAt: createdAt + 60_000 };
}
