/**
 * A job's scratch folder (`ScratchFiles`) in the origin-private file system: `jobs/<id>/scratch/…` for what the
 * importers stage, `jobs/<id>/output/<name>` for the file the person saves. A writable commits its file only on
 * close, so a file cut off by a killed worker is never seen half-written.
 */
import type { ScratchFiles } from '../../../model/adapter';
import { entriesOf, fileAt, folderAt, JOBS_FOLDER, OUTPUT_FOLDER, removeAt, SCRATCH_FOLDER } from './opfs';

const segmentsOf = (path: string): string[] => {
  const segments = path.split('/').filter(Boolean);
  if (!segments.length || segments.some((s) => s === '.' || s === '..')) throw new Error(`"${path}" is not a path inside the scratch folder`);
  return segments;
};

async function writeFile(segments: readonly string[], content: ReadableStream<Uint8Array> | Blob | string): Promise<void> {
  const folder = await folderAt(segments.slice(0, -1), true);
  const handle = await folder!.getFileHandle(segments[segments.length - 1]!, { create: true });
  const writable = await handle.createWritable();
  // A failure (a full disk among them) goes to the adapter, which says what could not be written.
  try {
    if (typeof content === 'string') {
      await writable.write(content);
      await writable.close();
    } else {
      await (content instanceof Blob ? content.stream() : content).pipeTo(writable);
    }
  } catch (error) {
    await writable.abort().catch(() => undefined);
    throw error;
  }
}

async function walk(folder: FileSystemDirectoryHandle, base: string, out: string[]): Promise<void> {
  for (const [name, handle] of await entriesOf(folder)) {
    const path = base ? `${base}/${name}` : name;
    if (handle.kind === 'directory') await walk(handle as FileSystemDirectoryHandle, path, out);
    else out.push(path);
  }
}

export function opfsScratch(jobId: string): ScratchFiles {
  const scratch = [JOBS_FOLDER, jobId, SCRATCH_FOLDER];
  return {
    write: (path, content) => writeFile([...scratch, ...segmentsOf(path)], content),
    read: (path) => fileAt([...scratch, ...segmentsOf(path)]),
    async list(prefix) {
      const folder = await folderAt(scratch, false);
      const out: string[] = [];
      if (folder) await walk(folder, '', out);
      return out.filter((path) => path.startsWith(prefix));
    },
    remove: (path) => removeAt([...scratch, ...segmentsOf(path)]),
    async openOutput(name) {
      // Earlier outputs (a name with another date, written before a resume) go: the person gets one file.
      await removeAt([JOBS_FOLDER, jobId, OUTPUT_FOLDER]);
      const folder = await folderAt([JOBS_FOLDER, jobId, OUTPUT_FOLDER], true);
      const handle = await folder!.getFileHandle(segmentsOf(name).join('_'), { create: true });
      return handle.createWritable();
    },
  };
}

/** The file a finished job wrote for the person, read from disk. */
export const jobOutput = (jobId: string, name: string): Promise<File | undefined> => fileAt([JOBS_FOLDER, jobId, OUTPUT_FOLDER, name]);
