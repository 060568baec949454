/**
 * "Connecting" a provider of files on the person's own disk (the Ferry archive, Takeout, Instagram, Facebook): as a
 * source, the files the page copied into `chosen/<token>/` are opened by the provider's own accountInfo, which says
 * clearly what is wrong with a file that is not the export it should be; the token becomes the account, so a job
 * keeps reading its own files. As a destination there is nothing to choose until the person saves the result.
 */
import { AdapterError, type AdapterContext, type ProviderDescriptor } from '../../../model/adapter';
import { chosenFiles } from '../local-files/chosen-files';
import type { ConnectRequest } from './connect';
import { saveConnection } from './connection-store';
import type { ConnectionRecord } from './types';

/** Files on the person's own disk belong to nobody's account: a destination of files is always "connected" as this. */
export const LOCAL_FILES_ACCOUNT = { id: 'local', name: 'Files on this computer' } as const;

export function localFilesContext(token: string, sources: readonly Blob[]): AdapterContext {
  return {
    account: token,
    url: (realUrl) => realUrl,
    fetch: () => Promise.reject(new Error('Files on your disk are read, not fetched.')),
    localFiles: { sources },
  };
}

export async function connectLocalFiles(provider: ProviderDescriptor, request: ConnectRequest): Promise<ConnectionRecord | undefined> {
  if (request.role === 'destination') return undefined;
  if (!request.chosen) throw new Error(`Choose the file of your ${provider.name} on your computer first.`);
  const files = await chosenFiles(request.chosen);
  if (!files.length) throw new Error(`The files you chose for ${provider.name} could not be read back. Choose them again.`);
  let name: string | undefined;
  try {
    name = (await provider.accountInfo(localFilesContext(request.chosen, files))).name;
  } catch (error) {
    // The adapter's own sentence names the file and what is wrong with it.
    if (error instanceof AdapterError) throw new Error(error.message);
    throw error;
  }
  const record: ConnectionRecord = {
    provider: provider.id,
    account: { id: request.chosen, name: name ?? files.map((f) => f.name).join(', ') },
    scopes: [],
    requestedScopes: [],
    needsReconnect: false,
    connectedAt: Date.now(),
  };
  await saveConnection(record);
  return record;
}
