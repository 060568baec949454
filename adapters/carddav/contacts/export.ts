/**
 * Exports every address book in the account's address book home, page by page: members listed with
 * sync-collection where the server offers it, else PROPFIND, and read with addressbook-multiget; the cursor
 * holds the address books and the last card done, in URL order. Photos are read from their card on demand.
 */
import { AdapterError, type AdapterContext, type Container, type ContentStream, type ExportPage, type ExportedItem, type Exporter, type ItemData } from '../../../model/adapter';
import { contactLabel, type Contact } from '../../../model/contact';
import { decodeCursor, encodeCursor } from '../../cursor';
import { sendRequest } from '../../http';
import { accountOf, collectionKey, collectionsFor, davError, davRequest, defaultCollection, fetchObjects, listMembers, resourceKey, serverName, type DavCollection, type DavMember } from '../client';
import { contactOfResource, photoOfResource } from './map';

export const CARDS_PER_PAGE = 100;

interface Cursor {
  books: string[];
  at: number;
  after?: string;
}

const streamOf = (bytes: Uint8Array, contentType: string, from: number): ContentStream => {
  const rest = bytes.subarray(Math.min(from, bytes.length));
  return { body: new ReadableStream({ start: (c) => (c.enqueue(rest), c.close()) }), size: bytes.length, contentType, offset: from };
};

export class CardDavContactsExporter implements Exporter {
  readonly dataType = 'contacts' as const;
  private books?: Promise<DavCollection[]>;
  private readonly members = new Map<string, Promise<DavMember[]>>();

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = CARDS_PER_PAGE,
  ) {}

  private addressBooks(): Promise<DavCollection[]> {
    this.books ??= accountOf(this.ctx, 'carddav').then((account) => collectionsFor(this.ctx, account, 'carddav'));
    return this.books;
  }

  private membersOf(book: DavCollection): Promise<DavMember[]> {
    let members = this.members.get(book.url);
    if (!members) {
      members = listMembers(this.ctx, book, `listing the contacts of "${book.name}"`);
      members.catch(() => this.members.delete(book.url));
      this.members.set(book.url, members);
    }
    return members;
  }

  private containerKey(url: string): string {
    return collectionKey('carddav', this.ctx.account, 'contacts', url);
  }

  async exportPage(cursorText: string | undefined): Promise<ExportPage> {
    if (cursorText !== undefined) return this.page(decodeCursor<Cursor>(cursorText), []);
    const account = await accountOf(this.ctx, 'carddav');
    const books = await this.addressBooks();
    const own = defaultCollection(account, books);
    const containers = books.map((b): Container => {
      const container: Container = { key: this.containerKey(b.url), dataType: 'contacts', name: b.name };
      if (b.description) container.description = b.description;
      if (b === own) container.isDefault = true;
      return container;
    });
    return this.page({ books: books.map((b) => b.url), at: 0 }, containers);
  }

  private async page(cursor: Cursor, containers: Container[]): Promise<ExportPage> {
    const known = await this.addressBooks();
    const items: ExportedItem<Contact>[] = [];
    let { at, after } = cursor;
    let taken = 0;
    while (at < cursor.books.length && taken < this.pageSize) {
      const book = known.find((b) => b.url === cursor.books[at]);
      const rest = book ? (await this.membersOf(book)).filter((m) => after === undefined || m.url > after) : [];
      const chunk = rest.slice(0, this.pageSize - taken);
      if (book && chunk.length) {
        const objects = await fetchObjects(this.ctx, book, chunk, 'carddav', `reading the contacts of "${book.name}"`);
        for (const object of objects) {
          const { contact } = contactOfResource(object.data, object.url);
          if (!contact) continue;
          items.push({ key: resourceKey('carddav', this.ctx.account, 'contacts', object.url), dataType: 'contacts', containerKey: this.containerKey(book.url), title: contactLabel(contact), data: contact });
        }
      }
      taken += chunk.length;
      if (chunk.length === rest.length) {
        at += 1;
        after = undefined;
      } else {
        after = chunk[chunk.length - 1]!.url;
      }
    }
    const page: ExportPage = { containers, items };
    if (at < cursor.books.length) page.next = encodeCursor<Cursor>(after === undefined ? { books: cursor.books, at } : { books: cursor.books, at, after });
    return page;
  }

  /** The photo's bytes: from inside its card (re-read, so they never sit in the item), or from the link the card holds. */
  async openContent(item: { key: string; data: ItemData }, from = 0): Promise<ContentStream> {
    const contact = item.data as Contact;
    const photo = contact.photo;
    if (!photo) throw new AdapterError(`"${contactLabel(contact)}" has no photo to read.`, 'skip');
    if (item.key.endsWith(`:${new URL(photo.sourceUrl).pathname}`)) {
      const answer = await davRequest(this.ctx, 'GET', photo.sourceUrl, `reading the photo of "${contactLabel(contact)}"`);
      const inline = photoOfResource(answer.text);
      if (!inline || !('bytes' in inline)) {
        throw new AdapterError(`The card of "${contactLabel(contact)}" at ${serverName(photo.sourceUrl)} no longer holds a photo.`, 'skip');
      }
      return streamOf(inline.bytes, inline.contentType, from);
    }
    return openLinkedPhoto(this.ctx, photo.sourceUrl, photo.contentType, contactLabel(contact), from);
  }
}

/** A photo the card only links to, streamed from its own host (without the server's credentials). */
async function openLinkedPhoto(ctx: AdapterContext, url: string, contentType: string, label: string, from: number): Promise<ContentStream> {
  const headers: Record<string, string> = from > 0 ? { range: `bytes=${from}-` } : {};
  const response = await sendRequest({ ...ctx, fetch: ctx.anonymousFetch ?? ctx.fetch }, serverName(url), ctx.url(url), { headers });
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw davError(response.status, '', url, `reading the photo of "${label}"`, response.headers.get('retry-after'));
  }
  const offset = response.status === 206 ? from : 0;
  const length = Number(response.headers.get('content-length'));
  const stream: ContentStream = { body: response.body, contentType: response.headers.get('content-type') ?? contentType, offset };
  if (Number.isFinite(length) && length > 0) stream.size = offset + length;
  return stream;
}
