/**
 * The sample Ferry archive the archive tests share (written once per test file), its exporters, and a move of one
 * data type into a sandbox that is then dumped in the archive layout.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { archive } from '../../adapters/archive/descriptor';
import type { AdapterContext, ContentStream, DataType, Exporter } from '../../model/adapter';
import { writeSampleArchive, type SampleArchive, type SampleArchiveOptions } from '../sandbox/sample-data/archive';
import { openDestination } from './archive-destinations';
import { archiveContext, chosenFiles, transfer } from './archive-transfer';

export const ARCHIVE_ACCOUNT = 'ferry-archive-2026-03-14';

export function useSampleArchive(opts: SampleArchiveOptions = {}): { sample: () => SampleArchive; dir: () => string } {
  let dir = '';
  let sample: SampleArchive | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ferry-archive-read-'));
    sample = await writeSampleArchive(dir, opts);
  }, 60_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return { sample: () => sample!, dir: () => dir };
}

export async function contextFor(zip: string): Promise<AdapterContext> {
  return archiveContext(await chosenFiles([zip]), ARCHIVE_ACCOUNT);
}

export async function archiveExporter(zip: string, dataType: DataType): Promise<Exporter> {
  return archive.dataTypes[dataType]!.export!.create(await contextFor(zip));
}

export async function bytesOf(content: ContentStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of content.body as unknown as AsyncIterable<Uint8Array>) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

export async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

/** Moves the archive's `dataType` into the destination and dumps it under `dir`; answers the dump's folder. */
export async function moveInto(zip: string, dir: string, destination: 'google' | 'microsoft', dataType: DataType): Promise<string> {
  const target = await openDestination(destination, dataType);
  try {
    const exporter = await archiveExporter(zip, dataType);
    const { items, results } = await transfer(exporter, target.support.import!.create(target.ctx), target.support.import!.batchSize);
    expect(items.length, `${dataType}: items exported`).toBeGreaterThan(0);
    const failed = [...results.values()].flatMap((r) => (r.ok ? [] : [`${r.key}: ${r.error.message}`]));
    expect(failed).toEqual([]);
    expect(results.size).toBe(items.length);
    const out = join(dir, `${dataType}-${destination}`);
    await target.dump(out);
    return out;
  } finally {
    await target.close();
  }
}
