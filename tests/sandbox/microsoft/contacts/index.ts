/** Outlook contacts in the Microsoft sandbox's Graph: a data type of the mailbox (its requests share Outlook's limits). */
import type { GraphDataTypeDeps } from '../data-types';
import type { GraphDataType } from '../graph/data-type';
import { contactsApi } from './api';
import { dumpContacts, seedContacts } from './archive';
import { ContactStore } from './store';

export function createOutlookContacts(deps: GraphDataTypeDeps): GraphDataType & { store: ContactStore } {
  const store = new ContactStore();
  const route = contactsApi(store, deps.now);
  return {
    name: 'contacts',
    hosts: [],
    mailbox: true,
    store,
    route,
    seed: async (dataDir) => {
      await seedContacts(store, dataDir, new Date(deps.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    },
    dump: (outDir) => dumpContacts(store, outDir),
    snapshot: () => ({
      contactFolders: [...store.folders.values()],
      contacts: [...store.contacts.values()].map((c) => ({ ...c, photo: c.photo ? { contentType: c.photo.contentType, bytes: c.photo.bytes.length } : undefined })),
    }),
    reset: () => store.reset(),
  };
}
