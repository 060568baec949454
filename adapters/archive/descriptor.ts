/**
 * The Ferry archive (README.md): one zip on the person's own disk in the documented layout, written as a destination
 * and read back as a source. Nothing to sign in to and no request leaves Ferry.
 */
import type { ProviderDescriptor } from '../../model/adapter';
import { ARCHIVE_NAME, archiveAccount } from './client';
import { archiveCalendar } from './calendar/support';
import { archiveContacts } from './contacts/support';
import { archiveTasks } from './tasks/support';
import { archiveMail } from './mail/support';
import { archivePhotos } from './photos/support';
import { archivePosts } from './posts/support';
import { archiveFiles } from './files/support';
import { writeArchive } from './write-archive';

export const archive: ProviderDescriptor = {
  id: 'archive',
  name: ARCHIVE_NAME,
  auth: { kind: 'local-files', accept: ['.zip'], multiple: false },
  hostPermissions: [],
  // Local files want no pacing; the archive's importers write one item at a time into the job's scratch folder.
  limits: { minIntervalMs: 0, maxConcurrency: 1 },
  dataTypes: {
    calendar: archiveCalendar,
    contacts: archiveContacts,
    tasks: archiveTasks,
    mail: archiveMail,
    photos: archivePhotos,
    posts: archivePosts,
    files: archiveFiles,
  },
  accountInfo: archiveAccount,
  completeJob: writeArchive,
};
