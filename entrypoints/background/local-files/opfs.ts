/**
 * The origin-private file system, shared by the worker and the extension's pages: the files a person chose as a
 * source are copied into `chosen/<token>/` by the page, and each job whose destination writes files gets `jobs/<id>/`.
 * Both live on disk, never in memory, and survive a killed worker and a closed browser.
 */
export const CHOSEN_FOLDER = 'chosen';
export const JOBS_FOLDER = 'jobs';
/** Inside a job's folder: what the importers staged, and the one file handed to the person. */
export const SCRATCH_FOLDER = 'scratch';
export const OUTPUT_FOLDER = 'output';

/** The async iteration of a folder, which TypeScript's DOM typings leave out. */
type IterableDirectory = FileSystemDirectoryHandle & { entries(): AsyncIterableIterator<[string, FileSystemHandle]> };

export async function folderAt(segments: readonly string[], create: boolean): Promise<FileSystemDirectoryHandle | undefined> {
  let folder = await navigator.storage.getDirectory();
  for (const segment of segments) {
    try {
      folder = await folder.getDirectoryHandle(segment, { create });
    } catch (error) {
      if (!create && error instanceof DOMException && (error.name === 'NotFoundError' || error.name === 'TypeMismatchError')) return undefined;
      throw error;
    }
  }
  return folder;
}

export async function fileAt(segments: readonly string[]): Promise<File | undefined> {
  const folder = await folderAt(segments.slice(0, -1), false);
  if (!folder) return undefined;
  try {
    return await (await folder.getFileHandle(segments[segments.length - 1]!)).getFile();
  } catch (error) {
    if (error instanceof DOMException && (error.name === 'NotFoundError' || error.name === 'TypeMismatchError')) return undefined;
    throw error;
  }
}

export async function entriesOf(folder: FileSystemDirectoryHandle): Promise<[string, FileSystemHandle][]> {
  const out: [string, FileSystemHandle][] = [];
  for await (const entry of (folder as IterableDirectory).entries()) out.push(entry);
  return out;
}

/** Removes a folder or file and everything below it; nothing there is fine. */
export async function removeAt(segments: readonly string[]): Promise<void> {
  const parent = await folderAt(segments.slice(0, -1), false);
  try {
    await parent?.removeEntry(segments[segments.length - 1]!, { recursive: true });
  } catch (error) {
    if (!(error instanceof DOMException && error.name === 'NotFoundError')) throw error;
  }
}

/** A person's disk filling up surfaces as QuotaExceededError: said so, with what to do. */
export function diskFull(error: unknown): Error | undefined {
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return new Error('Your disk (or the space the browser allows Ferry) is full. Free some space, then resume the transfer.');
  }
  return undefined;
}
