/**
 * OneDrive's files in the archive layout: `files/<path>` is the drive's folder tree from its root, each file's
 * modification time its fileSystemInfo.lastModifiedDateTime (to the second, as OneDrive keeps it). A dump writes the
 * tree back with those times, empty folders included, leaving out the Photos special folder (the `photos/` part of
 * the layout). Files larger than SPILL_BYTES are copied to the store's folder, never read whole.
 */
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { mimeTypeOf } from '../photos/storage-host';
import { SPILL_BYTES, type DriveNode, type DriveStore } from '../photos/store';
import { DriveHasher } from './content-hashes';

const graphTime = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** A large file's bytes copied into the store, hashed on the way. */
async function spillCopy(store: DriveStore, path: string, size: number): Promise<Partial<DriveNode>> {
  const target = store.spillPath();
  const hasher = new DriveHasher();
  await pipeline(
    createReadStream(path, { highWaterMark: 1 << 20 }),
    async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        hasher.update(chunk);
        yield chunk;
      }
    },
    createWriteStream(target),
  );
  return { spill: { path: target, size }, hashes: hasher.digest() };
}

async function seedFolder(store: DriveStore, dir: string, folderId: string): Promise<void> {
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    const info = await stat(path);
    const times = { createdDateTime: graphTime(info.mtimeMs), lastModifiedDateTime: graphTime(info.mtimeMs) };
    if (entry.isDirectory()) {
      const folder = store.child(folderId, entry.name) ?? store.add({ name: entry.name, folder: true, parentId: folderId, fileSystemInfo: times });
      await seedFolder(store, path, folder.id);
      continue;
    }
    if (!entry.isFile()) continue;
    const content = info.size > SPILL_BYTES ? await spillCopy(store, path, info.size) : { bytes: await readFile(path) };
    store.add({ name: entry.name, parentId: folderId, mimeType: mimeTypeOf(entry.name), fileSystemInfo: times, ...content });
  }
}

export async function seedFiles(store: DriveStore, dataDir: string): Promise<void> {
  const root = join(dataDir, 'files');
  if (existsSync(root)) await seedFolder(store, root, store.rootId);
}

async function dumpFolder(store: DriveStore, folderId: string, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const node of store.children(folderId)) {
    if (node.id === store.photosId) continue;
    const path = join(dir, node.name);
    if (node.folder) await dumpFolder(store, node.id, path);
    else if (node.spill) await copyFile(node.spill.path, path);
    else await writeFile(path, node.bytes ?? Buffer.alloc(0));
    const modified = new Date(node.fileSystemInfo.lastModifiedDateTime);
    await utimes(path, modified, modified);
  }
}

export async function dumpFiles(store: DriveStore, outDir: string): Promise<void> {
  if (store.children(store.rootId).some((node) => node.id !== store.photosId)) await dumpFolder(store, store.rootId, join(outDir, 'files'));
}
