/** Writes a zip from named entries (a test's sample export), each entry stored or deflated as a real exporter does. */
import { BlobWriter, Uint8ArrayReader, ZipWriter, configure } from '@zip.js/zip.js';
import { writeFile } from 'node:fs/promises';

configure({ useWebWorkers: false });

export interface ZipEntryToWrite {
  path: string;
  bytes: Uint8Array | string;
}

export async function writeZip(path: string, entries: readonly ZipEntryToWrite[]): Promise<number> {
  const writer = new ZipWriter(new BlobWriter('application/zip'));
  for (const { path: name, bytes } of entries) {
    const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
    // Takeout stores media as they are and deflates text, as do Instagram's and Facebook's exports.
    await writer.add(name, new Uint8ArrayReader(data), { level: /\.(jpe?g|mp4|png|heic)$/i.test(name) ? 0 : 6 });
  }
  const blob = await writer.close();
  await writeFile(path, new Uint8Array(await blob.arrayBuffer()));
  return blob.size;
}
