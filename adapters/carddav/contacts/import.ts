/**
 * Imports contacts into CardDAV address books: one card per contact, named after its UID, written with
 * If-None-Match so a second run finds the card instead of making another. A photo travels inside the card.
 */
import type { AdapterContext, Container, ImportItem, ImportResult, Importer } from '../../../model/adapter';
import type { Contact } from '../../../model/contact';
import { accountOf, createResource, ensureCollection, findResource, settle, type ResourceKind } from '../client';
import { contactResourceText, contactUids } from './map';

export const CONTACT_RESOURCE: ResourceKind = {
  kind: 'carddav',
  component: 'VCARD',
  extension: 'vcf',
  contentType: 'text/vcard; charset=utf-8',
  uidsOf: contactUids,
  noun: 'contact',
};

const uidOf = (item: ImportItem<Contact>): string => item.data.uid || item.key;

async function photoBytes(item: ImportItem<Contact>): Promise<{ contentType: string; bytes: Uint8Array } | undefined> {
  if (!item.data.photo || !item.content) return undefined;
  const stream = await item.content();
  const bytes = new Uint8Array(await new Response(stream.body).arrayBuffer());
  return { contentType: stream.contentType ?? item.data.photo.contentType, bytes };
}

export class CardDavContactsImporter implements Importer {
  readonly dataType = 'contacts' as const;

  constructor(private readonly ctx: AdapterContext) {}

  async ensureContainer(container: Container): Promise<string> {
    const account = await accountOf(this.ctx, 'carddav');
    return ensureCollection(this.ctx, account, 'carddav', container);
  }

  importBatch(items: ImportItem[]): Promise<ImportResult[]> {
    return settle(items as ImportItem<Contact>[], async (item) => {
      const contact = { ...item.data, uid: uidOf(item) };
      const photo = await photoBytes(item);
      const written = await createResource(this.ctx, item.containerId, contact.uid, contactResourceText(contact, photo), CONTACT_RESOURCE);
      return { destinationId: written.url };
    });
  }

  async lookup(items: ImportItem[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const item of items as ImportItem<Contact>[]) {
      const resource = await findResource(this.ctx, item.containerId, uidOf(item), CONTACT_RESOURCE);
      if (resource) found.set(item.key, resource.url);
    }
    return found;
  }
}
