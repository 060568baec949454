/**
 * Exports every address book in the account's address book home, page by page: members listed with
 * sync-collection where the server offers it, else PROPFIND, and read with addressbook-multiget; the cursor
 * holds the address books and the last card done, in URL order. Photos are read from their card on demand.
 */
import { AdapterError, type AdapterContext, type ContentStream, type ExportPage, type ExportedItem, type Exporter, type ItemData } from '../../../model/adapter';
import { contactLabel, type Contact } from '../../../model/contact';
import { sendRequest } from '../../http';
import { DavCollectionExporter, davError, davRequest, resourceKey, serverName } from '../client';
import { contactOfResource, photoOfResource } from './map';

export const CARDS_PER_PAGE = 100;

const streamOf = (bytes: Uint8Array, contentType: string, from: number): ContentStream => {
  const rest = bytes.subarray(Math.min(from, bytes.length));
  return { body: new ReadableStream({ start: (c) => (c.enqueue(rest), c.close()) }), size: bytes.length, contentType, offset: from };
};

export class CardDavContactsExporter extends DavCollectionExporter implements Exporter {
  constructor(ctx: AdapterContext, pageSize = CARDS_PER_PAGE) {
    super(ctx, 'carddav', 'contacts', undefined, pageSize);
  }

  exportPage(cursorText: string | undefined): Promise<ExportPage> {
    return this.memberPage(cursorText, (object, book): ExportedItem<Contact>[] => {
      const { contact } = contactOfResource(object.data, object.url);
      if (!contact) return [];
      return [{ key: resourceKey('carddav', this.ctx.account, 'contacts', object.url), dataType: 'contacts', containerKey: this.containerKey(book.url), title: contactLabel(contact), data: contact }];
    });
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
