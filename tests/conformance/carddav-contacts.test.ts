/**
 * The CardDAV adapter against real servers started by this test (Radicale, then Xandikos), through the
 * contacts conformance suite. A 429 is armed in the test's own fetch: neither server throttles.
 */
import { CardDavContactsExporter } from '../../adapters/carddav/contacts/export';
import { carddav } from '../../adapters/carddav/descriptor';
import type { DataTypeSupport, ProviderDescriptor } from '../../model/adapter';
import { runContactsConformance } from './contacts.suite';
import { DAV_SERVERS, openDavTarget, resetAccount, seedAddressBook } from './dav-target';

const PAGE_SIZE = 3;
const contacts = carddav.dataTypes.contacts as DataTypeSupport;
const provider: ProviderDescriptor = { ...carddav, dataTypes: { contacts: { ...contacts, export: { create: (ctx) => new CardDavContactsExporter(ctx, PAGE_SIZE) } } } };

for (const server of DAV_SERVERS) {
  runContactsConformance({
    name: `carddav (${server})`,
    provider,
    pageSize: PAGE_SIZE,
    async open() {
      const target = await openDavTarget(server, carddav);
      return {
        ctx: target.ctx,
        seed: (entries) => seedAddressBook(target.server, entries),
        reset: () => resetAccount(target.server, 'contacts'),
        throttleNext: (seconds) => target.throttleNext(seconds),
        close: () => target.close(),
      };
    },
  });
}
