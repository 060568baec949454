/**
 * Exports the person's Google contacts (people.connections.list, every page) into one container, the
 * address book; each contact's labels (user contact groups) are its groups. Photos are streamed on demand.
 * https://developers.google.com/people/api/rest/v1/people.connections/list
 */
import type { AdapterContext, Container, ContentStream, ExportPage, ExportedItem, Exporter, ItemData } from '../../../model/adapter';
import { contactLabel, type Contact } from '../../../model/contact';
import { decodeCursor, encodeCursor } from '../../cursor';
import { query } from '../client';
import type { ListConnectionsResponse } from './api-types';
import { listUserGroups } from './groups';
import { PERSON_FIELDS, fromPerson } from './map';
import { PEOPLE_API, peopleRequest } from './people';
import { openGooglePhoto } from './photo';

/** connections.list's largest page (discovery document: "Valid values are between 1 and 1000"). */
export const CONNECTIONS_PAGE_SIZE = 1000;
/** Google has one address book per account; groups are labels on its contacts. */
export const ADDRESS_BOOK_ID = 'myContacts';

/** The group names are kept in the cursor so every page names groups alike, even if one is renamed meanwhile. */
interface Cursor {
  groups: [string, string][];
  pageToken?: string;
}

export const containerKey = (account: string): string => `google:${account}:contacts:container:${ADDRESS_BOOK_ID}`;
export const contactKey = (account: string, resourceName: string): string => `google:${account}:contacts:${resourceName.replace(/^people\//, '')}`;

export class GoogleContactsExporter implements Exporter {
  readonly dataType = 'contacts' as const;

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = CONNECTIONS_PAGE_SIZE,
  ) {}

  async exportPage(cursorText: string | undefined): Promise<ExportPage> {
    if (cursorText !== undefined) return this.page(decodeCursor<Cursor>(cursorText), []);
    const groups = (await listUserGroups(this.ctx)).map((g): [string, string] => [g.resourceName, g.name ?? g.formattedName ?? g.resourceName]);
    const container: Container = { key: containerKey(this.ctx.account), dataType: 'contacts', name: 'Contacts', isDefault: true };
    return this.page({ groups }, [container]);
  }

  private async page(cursor: Cursor, containers: Container[]): Promise<ExportPage> {
    const params = query({ personFields: PERSON_FIELDS, pageSize: this.pageSize, pageToken: cursor.pageToken, sortOrder: 'LAST_MODIFIED_ASCENDING' });
    const page = await peopleRequest<ListConnectionsResponse>(this.ctx, 'GET', `${PEOPLE_API}/people/me/connections${params}`);
    const groupNames = new Map(cursor.groups);
    const items = (page.connections ?? []).flatMap((person): ExportedItem<Contact>[] => {
      if (!person.resourceName) return [];
      const data = fromPerson(person, groupNames);
      return [{ key: contactKey(this.ctx.account, person.resourceName), dataType: 'contacts', containerKey: containerKey(this.ctx.account), title: contactLabel(data), data }];
    });
    return page.nextPageToken ? { containers, items, next: encodeCursor({ ...cursor, pageToken: page.nextPageToken }) } : { containers, items };
  }

  openContent(item: { key: string; data: ItemData }, from?: number): Promise<ContentStream> {
    return openGooglePhoto(this.ctx, item.data as Contact, from);
  }
}
