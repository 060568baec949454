/**
 * OneDrive's photos in the archive layout: `photos/<album>/<file>` + `<file>.json` is the folder
 * `Pictures/<album>/<file>` (an album with `/` is a nested folder). A sidecar's captureTime becomes the file's
 * fileSystemInfo.createdDateTime and its description the item's description; `sourceIds.microsoft` keeps the
 * item's id. OneDrive folders have no order, so dumps carry none.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SIDECAR_SUFFIX, mediaTypeOf, parseSidecar, writeSidecar, type MediaSidecar } from '../../../../model/media-sidecar';
import type { SandboxContext } from '../../core/types';
import { driveItemJson } from './drive-json';
import { isFileNode, type DriveNode, type DriveStore } from './store';

async function seedFolder(store: DriveStore, dir: string, folderId: string, now: number): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const folder = store.child(folderId, entry.name) ?? store.add({ name: entry.name, folder: true, parentId: folderId });
      await seedFolder(store, path, folder.id, now);
      continue;
    }
    const mimeType = mediaTypeOf(entry.name);
    if (entry.name.endsWith(SIDECAR_SUFFIX) || !mimeType) continue;
    const sidecar: MediaSidecar = existsSync(`${path}${SIDECAR_SUFFIX}`) ? parseSidecar(await readFile(`${path}${SIDECAR_SUFFIX}`, 'utf8')) : {};
    const created = new Date(sidecar.captureTime ? Date.parse(sidecar.captureTime) : now).toISOString();
    const node = store.add({
      name: entry.name,
      parentId: folderId,
      bytes: await readFile(path),
      mimeType,
      fileSystemInfo: { createdDateTime: created, lastModifiedDateTime: created },
      ...(sidecar.description && { description: sidecar.description }),
    });
    if (sidecar.sourceIds?.microsoft) {
      store.nodes.delete(node.id);
      store.nodes.set(sidecar.sourceIds.microsoft, { ...node, id: sidecar.sourceIds.microsoft });
    }
  }
}

export async function seedPhotos(store: DriveStore, dataDir: string, now: number): Promise<void> {
  const root = join(dataDir, 'photos');
  if (existsSync(root)) await seedFolder(store, root, store.photosId, now);
}

function sidecarOf(ctx: SandboxContext, store: DriveStore, node: DriveNode): MediaSidecar {
  const json = driveItemJson(ctx, store, node, Date.now()) as { photo?: { takenDateTime?: string }; location?: { latitude: number; longitude: number } };
  const sidecar: MediaSidecar = { captureTime: json.photo?.takenDateTime ?? node.fileSystemInfo.createdDateTime, sourceIds: { microsoft: node.id } };
  if (node.description) sidecar.description = node.description;
  if (json.location) sidecar.location = { lat: json.location.latitude, lon: json.location.longitude };
  return sidecar;
}

async function dumpFolder(ctx: SandboxContext, store: DriveStore, folderId: string, dir: string): Promise<void> {
  for (const node of store.children(folderId).sort((a, b) => a.name.localeCompare(b.name))) {
    if (node.folder) {
      await dumpFolder(ctx, store, node.id, join(dir, node.name));
      continue;
    }
    if (!isFileNode(node) || !mediaTypeOf(node.name)) continue;
    await mkdir(dir, { recursive: true });
    // A file past SPILL_BYTES lives on disk, never whole in memory (a 1 GiB video, the benchmark's).
    if (node.spill) await copyFile(node.spill.path, join(dir, node.name));
    else await writeFile(join(dir, node.name), node.bytes!);
    await writeFile(join(dir, `${node.name}${SIDECAR_SUFFIX}`), writeSidecar(sidecarOf(ctx, store, node)));
  }
}

export const dumpPhotos = (ctx: SandboxContext, store: DriveStore, outDir: string): Promise<void> => dumpFolder(ctx, store, store.photosId, join(outDir, 'photos'));
