/**
 * Saves the file a finished job wrote (the archive's zip) where the person says: through the save dialog where the
 * browser has one (the File System Access API), else as a download. Either way the bytes flow from disk to disk.
 */
import { jobOutput } from '../background/local-files/opfs-scratch';

type SavePicker = (options: { suggestedName: string; types?: { description: string; accept: Record<string, string[]> }[] }) => Promise<FileSystemFileHandle>;

export async function saveOutput(jobId: string, name: string): Promise<'saved' | 'downloaded' | 'cancelled'> {
  const file = await jobOutput(jobId, name);
  if (!file) throw new Error('The archive is no longer on this computer (the browser may have cleared its storage). Run the transfer again.');
  const picker = (window as unknown as { showSaveFilePicker?: SavePicker }).showSaveFilePicker;
  if (picker) {
    let handle: FileSystemFileHandle;
    try {
      handle = await picker({ suggestedName: name, types: [{ description: 'Zip archive', accept: { 'application/zip': ['.zip'] } }] });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled';
      throw error;
    }
    await file.stream().pipeTo(await handle.createWritable());
    return 'saved';
  }
  const url = URL.createObjectURL(file);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
  } finally {
    // The download has taken its own reference by now; a minute is generous for the browser to begin it.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return 'downloaded';
}
