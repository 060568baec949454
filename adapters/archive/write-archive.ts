/**
 * Assembles the Ferry archive once a job's items are all staged (scratch-layout.ts): one zip streamed into the file
 * the person is handed, in the documented layout (README.md, "Writing an archive"), with `manifest.json` listing every file and its
 * SHA-256. A worker killed half-way calls it again: it rewrites the whole file from what is staged.
 */
import type { AdapterContext, DataType, JobSummary } from '../../model/adapter';
import { DATA_TYPES } from '../../model/data-types';
import { diskFullError, scratchOf } from './staging-importer';
import { writeAddressBooks } from './write/contacts';
import { writeCalendars } from './write/calendar';
import { writeFileTrees } from './write/files';
import type { LayoutContext, LayoutWriter } from './write/layout-context';
import { writeMailFolders } from './write/mail';
import { manifestText } from './write/manifest';
import { writeAlbums } from './write/photos';
import { writeOutbox } from './write/posts';
import { writeTaskLists } from './write/tasks';
import { ArchiveZip } from './write/zip-output';

const LAYOUT: Record<DataType, LayoutWriter> = {
  calendar: writeCalendars,
  contacts: writeAddressBooks,
  tasks: writeTaskLists,
  mail: writeMailFolders,
  photos: writeAlbums,
  posts: writeOutbox,
  files: writeFileTrees,
};

/** `ferry-archive-2026-11-26.zip`: the day the job began. */
export const archiveFileName = (job: JobSummary): string => `ferry-archive-${new Date(job.createdAt).toISOString().slice(0, 10)}.zip`;

export async function writeArchive(ctx: AdapterContext, job: JobSummary): Promise<{ output: string; bytes: number }> {
  const scratch = scratchOf(ctx);
  const output = archiveFileName(job);
  const zip = new ArchiveZip(await scratch.openOutput(output));
  const layout: LayoutContext = { scratch, zip, job, madeAt: new Date(job.createdAt) };
  try {
    const counts: Partial<Record<DataType, number>> = {};
    for (const dataType of DATA_TYPES.filter((type) => job.dataTypes.includes(type))) counts[dataType] = await LAYOUT[dataType](layout);
    const bytes = await zip.close(manifestText(job, counts, zip.files), layout.madeAt);
    return { output, bytes };
  } catch (error) {
    await zip.abandon(error);
    throw diskFullError(error, output) ?? error;
  }
}
