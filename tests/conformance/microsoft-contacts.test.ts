/**
 * The Outlook contacts adapter against the Microsoft sandbox's Graph, through the contacts conformance suite.
 * The token carries exactly the descriptor's scopes.
 */
import { MicrosoftContactsExporter } from '../../adapters/microsoft/contacts/export';
import { microsoft } from '../../adapters/microsoft/descriptor';
import type { DataTypeSupport, ProviderDescriptor } from '../../model/adapter';
import type { Contact } from '../../model/contact';
import { ALICE } from '../sandbox/microsoft/account';
import { createMicrosoftSandbox } from '../sandbox/microsoft/index';
import { startSandbox } from '../sandbox/server';
import { seedContacts } from './contacts-seed';
import { runContactsConformance } from './contacts.suite';
import { sandboxContext } from './sandbox-target';

const PAGE_SIZE = 5;
const contacts = microsoft.dataTypes.contacts as DataTypeSupport;
const provider: ProviderDescriptor = {
  ...microsoft,
  dataTypes: { contacts: { ...contacts, export: { create: (ctx) => new MicrosoftContactsExporter(ctx, PAGE_SIZE) } } },
};

/**
 * Outlook's fixed slots, each reported per item on import (tests/unit/adapters/microsoft-contacts-map.test.ts):
 * one nickname and one web page are kept, the first; a phone with no slot of its kind goes to "other";
 * dates without a year are not kept.
 */
function outlookSlots(contact: Contact): Contact {
  const { birthday, anniversary, ...rest } = contact;
  return {
    ...rest,
    ...(birthday?.year !== undefined && { birthday }),
    ...(anniversary?.year !== undefined && { anniversary }),
    nicknames: contact.nicknames.slice(0, 1),
    urls: contact.urls.filter((u) => u === (contact.urls.find((w) => w.types.includes('work')) ?? contact.urls[0])),
    phones: contact.phones.map((p) => (p.types.length ? p : { ...p, types: ['other'] })),
  };
}

runContactsConformance({
  name: 'microsoft',
  provider,
  pageSize: PAGE_SIZE,
  knownLosses: {
    updated: 'Outlook sets it when the contact is saved there',
    'name.phoneticMiddle': 'Outlook has yomi given and family names only',
    'emails.types': 'Outlook e-mail addresses carry no type',
    'urls.types': 'Outlook has one business home page, untyped',
  },
  normalize: outlookSlots,
  async open() {
    const sandbox = await startSandbox({ port: 0, providers: [(ctx) => createMicrosoftSandbox(ctx, { serviceTimeMs: 0 })] });
    const { ctx, close } = sandboxContext(sandbox, 'microsoft', microsoft, contacts, { tokenAccount: ALICE.id, contextAccount: ALICE.id });
    const account = sandbox.providers.microsoft;
    return {
      ctx,
      seed: (entries) => seedContacts(account, entries),
      reset: async () => account.reset(),
      throttleNext: async (seconds) => {
        sandbox.faults.add({ provider: 'microsoft', kind: 'status', status: 429, retryAfter: { seconds }, pathPattern: '^/graph\\.microsoft\\.com/' });
      },
      close,
    };
  },
});
