/**
 * The Google Contacts adapter against the Google sandbox's People API, through the contacts conformance
 * suite. The token carries exactly the descriptor's scopes; the per-user quotas are off here (the engine's
 * pacer keeps to them; tests/sandbox/google/contacts.test.ts checks the sandbox enforces them).
 */
import { GoogleContactsExporter } from '../../adapters/google/contacts/export';
import { google } from '../../adapters/google/descriptor';
import type { DataTypeSupport, ProviderDescriptor } from '../../model/adapter';
import type { Contact } from '../../model/contact';
import { GOOGLE_ACCOUNT } from '../sandbox/google/account';
import { createGoogleSandbox } from '../sandbox/google/index';
import { startSandbox } from '../sandbox/server';
import { seedContacts } from './contacts-seed';
import { runContactsConformance } from './contacts.suite';
import { sandboxContext } from './sandbox-target';

const PAGE_SIZE = 5;
const contacts = google.dataTypes.contacts as DataTypeSupport;
const provider: ProviderDescriptor = {
  ...google,
  dataTypes: { contacts: { ...contacts, export: { create: (ctx) => new GoogleContactsExporter(ctx, PAGE_SIZE) } } },
};

/** Google keeps one type per e-mail, address and web page; the model's first is the one kept. */
const firstTypeOnly = (contact: Contact): Contact => ({
  ...contact,
  emails: contact.emails.map((e) => ({ ...e, types: e.types.slice(0, 1) })),
  addresses: contact.addresses.map((a) => ({ ...a, types: a.types.slice(0, 1) })),
  urls: contact.urls.map((u) => ({ ...u, types: u.types.slice(0, 1) })),
});

runContactsConformance({
  name: 'google',
  provider,
  pageSize: PAGE_SIZE,
  knownLosses: { updated: 'Google sets it when the contact is saved there' },
  normalize: firstTypeOnly,
  async open() {
    process.env.FERRY_SANDBOX_PEOPLE_QUOTA = 'off';
    const sandbox = await startSandbox({ port: 0, providers: [(ctx) => createGoogleSandbox(ctx, { rateLimit: null })] });
    delete process.env.FERRY_SANDBOX_PEOPLE_QUOTA;
    const { ctx, close } = sandboxContext(sandbox, 'google', google, contacts, { tokenAccount: GOOGLE_ACCOUNT.email, contextAccount: GOOGLE_ACCOUNT.sub });
    const account = sandbox.providers.google;
    return {
      ctx,
      seed: (entries) => seedContacts(account, entries),
      reset: async () => account.reset(),
      throttleNext: async (seconds) => {
        sandbox.faults.add({ provider: 'google', kind: 'status', status: 429, retryAfter: { seconds }, pathPattern: '^/people\\.googleapis\\.com/' });
      },
      close,
    };
  },
});
