/** The sample Ferry archive the archive-read tests share, written once per test file, and its exporters' context. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { archive } from '../../adapters/archive/descriptor';
import type { AdapterContext, DataType, Exporter } from '../../model/adapter';
import { writeSampleArchive, type SampleArchive, type SampleArchiveOptions } from '../sandbox/sample-data/archive';
import { archiveContext, chosenFiles } from './archive-transfer';

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
