/**
 * Google Takeout: the zip files Google's export sends, chosen from the person's disk (README.md). A source only:
 * nothing to sign in to, no request leaves Ferry; the account is the export itself.
 */
import type { AccountInfo, AdapterContext, ProviderDescriptor } from '../../model/adapter';
import { chosenFiles, fileNameOf } from '../local-files';
import { EXPORT_NAME, exportId } from './client';
import { takeoutCalendar } from './calendar/support';
import { takeoutContacts } from './contacts/support';
import { takeoutMail } from './mail/support';
import { takeoutPhotos } from './photos/support';
import { takeoutTasks } from './tasks/support';

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
    calendar: takeoutCalendar,
    contacts: takeoutContacts,
    tasks: takeoutTasks,
    mail: takeoutMail,
    photos: takeoutPhotos,
  },
  accountInfo,
};
