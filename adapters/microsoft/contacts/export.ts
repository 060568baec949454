/**
 * Exports the mailbox's contacts: the default Contacts folder and each folder beside it are containers, and
 * a contact's folder name is also one of its groups (alongside its categories), so a destination with a
 * single address book keeps it. Which contacts have a photo is asked per page in $batch requests.
 * https://learn.microsoft.com/graph/api/user-list-contacts
 */
import type { AdapterContext, Container, ContentStream, ExportPage, ExportedItem, Exporter, ItemData } from '../../../model/adapter';
import { contactLabel, type Contact } from '../../../model/contact';
import { decodeCursor, encodeCursor } from '../../cursor';
import { graphBatch, graphNextPage, graphRequest, query } from '../client';
import type { GraphCollection, GraphContact } from './api-types';
import { EXPAND_CONTACT_PROPERTIES } from './extended-properties';
import { DEFAULT_FOLDER, contactsPath, listFolders } from './folders';
import { CONTACT_SELECT, fromGraphContact } from './map';
import { openOutlookPhoto, photoUrl } from './photo';

/** Contacts per page; Outlook pages hold up to 1000, and each contact's photo is asked about on the page. */
export const CONTACTS_PAGE_SIZE = 200;

interface Cursor {
  folders: [string, string][];
  index: number;
  nextLink?: string;
}

export const containerKey = (account: string, folderId: string): string => `microsoft:${account}:contacts:container:${folderId}`;
export const contactKey = (account: string, contactId: string): string => `microsoft:${account}:contacts:${contactId}`;

export class MicrosoftContactsExporter implements Exporter {
  readonly dataType = 'contacts' as const;

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = CONTACTS_PAGE_SIZE,
  ) {}

  async exportPage(cursorText: string | undefined): Promise<ExportPage> {
    if (cursorText !== undefined) return this.page(decodeCursor<Cursor>(cursorText), []);
    const folders: [string, string][] = [[DEFAULT_FOLDER, 'Contacts'], ...(await listFolders(this.ctx)).map((f): [string, string] => [f.id, f.displayName])];
    const containers = folders.map(([id, name]): Container => ({ key: containerKey(this.ctx.account, id), dataType: 'contacts', name, ...(id === DEFAULT_FOLDER && { isDefault: true }) }));
    return this.page({ folders, index: 0 }, containers);
  }

  private async page(cursor: Cursor, containers: Container[]): Promise<ExportPage> {
    const folder = cursor.folders[cursor.index];
    if (!folder) return { containers, items: [] };
    const [folderId, folderName] = folder;
    const url = `${contactsPath(folderId)}${query({ $top: this.pageSize, $select: CONTACT_SELECT, $expand: EXPAND_CONTACT_PROPERTIES })}`;
    const page = cursor.nextLink
      ? await graphNextPage<GraphCollection<GraphContact>>(this.ctx, cursor.nextLink)
      : await graphRequest<GraphCollection<GraphContact>>(this.ctx, 'GET', url);
    const contacts = page.value ?? [];
    const withPhoto = await this.photosOf(contacts);
    const items = contacts.map((c): ExportedItem<Contact> => {
      const data = fromGraphContact(c, folderId === DEFAULT_FOLDER ? undefined : folderName);
      if (withPhoto.has(c.id)) data.photo = { contentType: 'image/jpeg', sourceUrl: photoUrl(c.id) };
      return { key: contactKey(this.ctx.account, c.id), dataType: 'contacts', containerKey: containerKey(this.ctx.account, folderId), title: contactLabel(data), data };
    });
    const nextLink = page['@odata.nextLink'];
    const next: Cursor | undefined = nextLink
      ? { ...cursor, nextLink }
      : cursor.index + 1 < cursor.folders.length
        ? { folders: cursor.folders, index: cursor.index + 1 }
        : undefined;
    return next ? { containers, items, next: encodeCursor(next) } : { containers, items };
  }

  /** The ids of the contacts that have a photo (its metadata answers 404 when there is none). */
  private async photosOf(contacts: GraphContact[]): Promise<Set<string>> {
    const answers = await graphBatch(
      this.ctx,
      contacts.map((c, i) => ({ id: String(i), method: 'GET', url: photoUrl(c.id).replace(/\/\$value$/, '') })),
    );
    const found = new Set<string>();
    answers.forEach((answer, i) => {
      if (answer.ok) found.add(contacts[i]!.id);
      else if (answer.status !== 404) throw answer.error;
    });
    return found;
  }

  openContent(item: { key: string; data: ItemData }): Promise<ContentStream> {
    const url = (item.data as Contact).photo?.sourceUrl ?? photoUrl(item.key.split(':').pop()!);
    return openOutlookPhoto(this.ctx, url);
  }
}
