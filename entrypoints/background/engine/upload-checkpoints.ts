/**
 * The upload checkpoint of each item in flight: the destination's session URL and the bytes it acknowledged,
 * one small put per chunk, so a fresh worker continues a file where the killed one stopped instead of
 * sending it again from its first byte.
 */
import Dexie from 'dexie';
import type { UploadCheckpoint, UploadProgress } from '../../../model/adapter';
import type { FerryDb } from './store';

/**
 * The item's checkpoint in the store. Importers call it in the middle of an import, outside the engine's
 * transactions, so each call runs on its own.
 */
export function uploadProgress(db: FerryDb, jobId: string, key: string): UploadProgress {
  return {
    load: () =>
      Dexie.ignoreTransaction(async () => {
        const record = await db.uploads.get([jobId, key]);
        if (!record) return undefined;
        const { jobId: _job, key: _key, ...checkpoint } = record;
        return checkpoint;
      }),
    save: (checkpoint: UploadCheckpoint) => Dexie.ignoreTransaction(async () => void (await db.uploads.put({ ...checkpoint, jobId, key }))),
    clear: () => Dexie.ignoreTransaction(() => db.uploads.delete([jobId, key])),
  };
}
