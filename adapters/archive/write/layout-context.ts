import type { JobSummary, ScratchFiles } from '../../../model/adapter';
import type { ArchiveZip } from './zip-output';

/** What each data type's part of the layout is written with; it returns how many items it wrote. */
export interface LayoutContext {
  scratch: ScratchFiles;
  zip: ArchiveZip;
  job: JobSummary;
  /** The time of files Ferry makes (calendars, mbox files, sidecars): when the job began, so a rerun writes the same zip. */
  madeAt: Date;
}

export type LayoutWriter = (ctx: LayoutContext) => Promise<number>;

/** A staged content file as a stream, or a clear failure naming it when the scratch folder lost it. */
export async function stagedContent(ctx: LayoutContext, path: string, title: string): Promise<Blob> {
  const blob = await ctx.scratch.read(path);
  if (!blob) throw new Error(`The bytes of "${title}" are missing from the job's folder (${path}); transfer it again.`);
  return blob;
}
