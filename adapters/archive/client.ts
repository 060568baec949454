import type { AccountInfo, AdapterContext } from '../../model/adapter';

export const ARCHIVE_NAME = 'Ferry archive';

export function archiveAccount(ctx: AdapterContext): Promise<AccountInfo> {
  return Promise.reject(new Error(`placeholder ${ctx.account}`));
}
