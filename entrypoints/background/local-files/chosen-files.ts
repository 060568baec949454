/**
 * The files a person chose as a source, copied by the page into `chosen/<token>/` (a File handed to the worker by
 * message would not survive a killed worker). One token per choice: a job keeps reading its own files even after the
 * person chooses others for the next transfer.
 */
import { CHOSEN_FOLDER, entriesOf, folderAt, JOBS_FOLDER, removeAt } from './opfs';

/** A token names one choice; it is a UUID the page made, checked again here before it becomes a path. */
export const CHOSEN_TOKEN = /^[0-9a-f-]{36}$/;

export async function chosenFiles(token: string): Promise<File[]> {
  if (!CHOSEN_TOKEN.test(token)) return [];
  const folder = await folderAt([CHOSEN_FOLDER, token], false);
  if (!folder) return [];
  const files: File[] = [];
  for (const [, handle] of await entriesOf(folder)) if (handle.kind === 'file') files.push(await (handle as FileSystemFileHandle).getFile());
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Removes every choice and every job folder nothing refers to any more: choices replaced or disconnected, jobs
 * forgotten. Run after each of those, so copies of a person's archives never linger.
 */
export async function sweepLocalFiles(keep: { tokens: ReadonlySet<string>; jobIds: ReadonlySet<string> }): Promise<void> {
  for (const [folderName, kept] of [
    [CHOSEN_FOLDER, keep.tokens],
    [JOBS_FOLDER, keep.jobIds],
  ] as const) {
    const folder = await folderAt([folderName], false);
    if (!folder) continue;
    for (const [name] of await entriesOf(folder)) if (!kept.has(name)) await removeAt([folderName, name]);
  }
}
