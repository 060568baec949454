/**
 * OneDrive's photos and files in the Microsoft sandbox (one drive: photos in its Photos special folder, files from
 * its root): driveItems below `/me/drive` on Graph, upload sessions and
 * download links on the storage host contoso-my.sharepoint.com. OneDrive is not an Outlook resource, so it
 * does not share the mailbox's concurrency limit; it counts the user's requests on both hosts against
 * SharePoint's per-user limit instead.
 */
import type { SandboxReply, SandboxRequest } from '../../core/types';
import type { GraphDataType } from '../graph/data-type';
import { graphErrorReply } from '../graph/errors';
import { RequestThrottle, ONEDRIVE_REFUSAL, ONEDRIVE_USER_LIMITS } from '../graph/throttle';
import type { GraphDataTypeDeps } from '../data-types';
import { dumpFiles, seedFiles } from '../files/archive';
import { dumpPhotos, seedPhotos } from './archive';
import { createDriveApi } from './drive-api';
import { STORAGE_HOST, driveItemJson } from './drive-json';
import { createStorageHost } from './storage-host';
import { DriveStore } from './store';

export function createOneDrivePhotos(deps: GraphDataTypeDeps): GraphDataType & { store: DriveStore } {
  const store = new DriveStore(deps.now);
  const driveDeps = { ctx: deps.ctx, store, now: deps.now };
  const api = createDriveApi(driveDeps);
  const userLimit = new RequestThrottle({ ...ONEDRIVE_USER_LIMITS, ...deps.driveLimits }, deps.now, ONEDRIVE_REFUSAL);
  const storageHost = createStorageHost(driveDeps);
  const handleHost = async (req: SandboxRequest): Promise<SandboxReply> => {
    const admission = userLimit.enter();
    if (!admission.ok) return graphErrorReply(429, admission.code, admission.message, undefined, { 'retry-after': String(admission.retryAfterSeconds) });
    try {
      return await storageHost(req);
    } finally {
      admission.release();
    }
  };
  return {
    name: 'photos',
    hosts: [STORAGE_HOST],
    mailbox: false,
    store,
    route: api.route,
    handleHost,
    admit: () => userLimit.enter(),
    resetLimits: () => userLimit.reset(),
    seed: async (dataDir) => {
      await seedPhotos(store, dataDir, deps.now());
      await seedFiles(store, dataDir);
    },
    dump: async (outDir) => {
      await dumpPhotos(deps.ctx, store, outDir);
      await dumpFiles(store, outDir);
    },
    snapshot: () => ({
      photosFolderId: store.photosId,
      driveItems: store.descendants(store.photosId).map((node) => driveItemJson(deps.ctx, store, node, deps.now())),
      uploadSessions: store.uploads.size,
      uploadHistory: store.uploadHistory.map((u) => ({
        name: u.name,
        size: u.total ?? u.declaredSize ?? null,
        received: u.received,
        bytesReceived: u.bytesReceived,
        bytesCutOff: u.bytesCutOff,
        committed: u.committed ?? false,
      })),
    }),
    reset: () => {
      store.reset();
      userLimit.reset();
    },
  };
}
