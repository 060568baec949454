/**
 * Hands the files a person chose to the worker: each is copied, streamed, into the origin-private file system
 * (`chosen/<token>/`), where the worker reads it by slice for as long as the transfer needs it, across a killed
 * worker or a closed browser. A File object itself cannot cross to the worker by message.
 */
import { CHOSEN_FOLDER, diskFull, folderAt, removeAt } from '../background/local-files/opfs';
import type { ConnectionView, ProviderView, Role } from '../background/messages';
import type { DataType } from '../../model/data-types';
import { askWorker } from './worker-client';

export interface CopyProgress {
  bytes: number;
  total: number;
}

async function copyFiles(files: readonly File[], token: string, onProgress: (progress: CopyProgress) => void): Promise<void> {
  const total = files.reduce((sum, file) => sum + file.size, 0);
  let bytes = 0;
  const folder = await folderAt([CHOSEN_FOLDER, token], true);
  for (const file of files) {
    const writable = await (await folder!.getFileHandle(file.name, { create: true })).createWritable();
    const counted = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        onProgress({ bytes, total });
        controller.enqueue(chunk);
      },
    });
    await file.stream().pipeThrough(counted).pipeTo(writable);
  }
}

export async function chooseFiles(
  provider: ProviderView,
  role: Role,
  dataTypes: DataType[],
  files: readonly File[],
  onProgress: (progress: CopyProgress) => void,
): Promise<ConnectionView> {
  if (!files.length) throw new Error(`Choose the file of your ${provider.name}.`);
  const names = new Set(files.map((f) => f.name));
  if (names.size !== files.length) throw new Error('Two of the chosen files have the same name: choose each file once.');
  const token = crypto.randomUUID();
  try {
    await copyFiles(files, token, onProgress);
    return await askWorker({ type: 'connect', provider: provider.id, role, dataTypes, chosen: token });
  } catch (error) {
    await removeAt([CHOSEN_FOLDER, token]).catch(() => undefined);
    const full = diskFull(error);
    if (full) throw new Error(`Ferry could not keep a copy of the chosen files: ${full.message}`);
    throw error;
  }
}
