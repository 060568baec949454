/**
 * Instagram, through its "Download your information" export: Instagram's API no longer serves personal
 * accounts, so the export is how their photos leave (README.md). A source only; nothing to sign in to.
 */
import type { AccountInfo, AdapterContext, ProviderDescriptor } from '../../model/adapter';
import { chosenFiles, fileNameOf } from '../local-files';
import { EXPORT_NAME, exportId } from './client';
import { instagramPhotos } from './photos/support';

async function accountInfo(ctx: AdapterContext): Promise<AccountInfo> {
  const names = chosenFiles(ctx, EXPORT_NAME).map(fileNameOf);
  return { id: exportId(names), name: `${EXPORT_NAME} export (${names.join(', ')})` };
}

export const instagram: ProviderDescriptor = {
  id: 'instagram',
  name: EXPORT_NAME,
  auth: { kind: 'local-files', accept: ['.zip'], multiple: true },
  hostPermissions: [],
  limits: { minIntervalMs: 0, maxConcurrency: 1 },
  dataTypes: {
    photos: instagramPhotos,
  },
  accountInfo,
};
