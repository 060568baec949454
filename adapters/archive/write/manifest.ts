/**
 * `manifest.json` at the archive's root: what it is, where it came from, how many items of each data type it holds
 * and every other file in it with its size and SHA-256, so a person (or Ferry reading it back) can check it whole.
 */
import type { DataType, JobSummary } from '../../../model/adapter';
import type { ArchivedFile } from './zip-output';

export const MANIFEST_FORMAT = 'ferry-archive';
export const MANIFEST_VERSION = 1;

export interface ArchiveManifest {
  format: typeof MANIFEST_FORMAT;
  version: typeof MANIFEST_VERSION;
  /** RFC 3339: when the job that wrote it began. */
  createdAt: string;
  source: JobSummary['source'];
  dataTypes: DataType[];
  /** Items of each data type written: events, contacts, messages, tasks, photos and videos, posts, files. */
  counts: Partial<Record<DataType, number>>;
  files: ArchivedFile[];
}

export function manifestText(job: JobSummary, counts: Partial<Record<DataType, number>>, files: readonly ArchivedFile[]): string {
  const manifest: ArchiveManifest = {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    createdAt: new Date(job.createdAt).toISOString(),
    source: { provider: job.source.provider, name: job.source.name, account: job.source.account },
    dataTypes: [...job.dataTypes],
    counts,
    files: [...files],
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
