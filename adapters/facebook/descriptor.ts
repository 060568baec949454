/**
 * Facebook, through its "Download your information" export (README.md): photos with their albums and posts.
 * A source only; nothing to sign in to.
 */
import type { AccountInfo, AdapterContext, ProviderDescriptor } from '../../model/adapter';
import { chosenFiles, fileNameOf } from '../local-files';
import { EXPORT_NAME, exportId } from './client';
import { facebookPhotos } from './photos/support';
import { facebookPosts } from './posts/support';

async function accountInfo(ctx: AdapterContext): Promise<AccountInfo> {
  const names = chosenFiles(ctx, EXPORT_NAME).map(fileNameOf);
  return { id: exportId(names), name: `${EXPORT_NAME} export (${names.join(', ')})` };
}

export const facebook: ProviderDescriptor = {
  id: 'facebook',
  name: EXPORT_NAME,
  auth: { kind: 'local-files', accept: ['.zip'], multiple: true },
  hostPermissions: [],
  limits: { minIntervalMs: 0, maxConcurrency: 1 },
  dataTypes: {
    photos: facebookPhotos,
    posts: facebookPosts,
  },
  accountInfo,
};
