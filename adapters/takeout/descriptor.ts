/**
 * Google Takeout: the zip files Google's export sends, chosen from the person's disk (README.md). A source only:
 * nothing to sign in to, no request leaves Ferry; the account is the export itself.
 */
import type { AccountInfo, AdapterContext, ProviderDescriptor } from '../../model/adapter';
import { chosenFiles, fileNameOf } from '../export-archive/local-sources';
import { EXPORT_NAME, exportId } from './archive';
import { takeoutPhotos } from './photos/support';

async function accountInfo(ctx: AdapterContext): Promise<AccountInfo> {
  const names = chosenFiles(ctx, EXPORT_NAME).map(fileNameOf);
  return { id: exportId(names), name: `${EXPORT_NAME} (${names.join(', ')})` };
}

export const takeout: ProviderDescriptor = {
  id: 'takeout',
  name: EXPORT_NAME,
  auth: { kind: 'local-files', accept: ['.zip'], multiple: true },
  hostPermissions: [],
  // Reading local files wants no pacing; one item at a time keeps one zip entry open at a time.
  limits: { minIntervalMs: 0, maxConcurrency: 1 },
  dataTypes: {
    photos: takeoutPhotos,
  },
  accountInfo,
};
