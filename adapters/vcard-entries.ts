/**
 * The vCard files of a zip tree read into one address book, "Contacts", the default one. A photo inside a card
 * has no address to fetch it from, so its bytes are kept by item key and handed out when the importer asks.
 */
import { AdapterError, type ContentStream, type ExportedItem } from '../model/adapter';
import { contactLabel, type Contact } from '../model/contact';
import { parseVCardFile, type VCardEntry } from '../model/contact-vcard';
import type { PlannedList } from './archive-paging';
import { bytesContent } from './content-bytes';
import { entryBytes } from './zip-entry';
import type { ArchiveEntry } from './zip-archive';

interface CardPhoto {
  contentType: string;
  bytes: Uint8Array;
}

export interface PlannedContacts extends PlannedList<Contact> {
  photos: Map<string, CardPhoto>;
}

/** A contact as the exporter settled it: its item key, its data, and the photo of the card it came from. */
export interface SettledCard {
  key: string;
  data: Contact;
  photo: VCardEntry['photo'];
}

/** The cards of one file; a file with cards of which none can be read stops the export, naming the file. */
export async function readCardFile(file: ArchiveEntry, name: string): Promise<VCardEntry[]> {
  const parsed = parseVCardFile(await entryBytes(file), name);
  if (!parsed.entries.length && parsed.problems.length) {
    throw new AdapterError(`${file.path} in ${file.part} holds no card Ferry can read: ${parsed.problems[0]!.message}`, 'fatal');
  }
  return parsed.entries;
}

export function plannedContacts(cards: Iterable<SettledCard>, containerKey: string): PlannedContacts {
  const items: ExportedItem<Contact>[] = [];
  const photos = new Map<string, CardPhoto>();
  for (const { key, data, photo } of cards) {
    if (photo && 'bytes' in photo) {
      photos.set(key, photo);
      data.photo = { contentType: photo.contentType, sourceUrl: key };
    }
    items.push({ key, dataType: 'contacts', containerKey, title: contactLabel(data), data });
  }
  return { containers: [{ key: containerKey, dataType: 'contacts', name: 'Contacts', isDefault: true }], items, photos };
}

/** The photo kept for the item; `chosen` says what the person chose ("archive", "files") for when it is not there. */
export function photoContent(planned: PlannedContacts, item: { key: string; data: Contact }, from: number, chosen: string): ContentStream {
  const photo = planned.photos.get(item.key);
  if (!photo) throw new AdapterError(`The photo of “${contactLabel(item.data)}” is no longer in the chosen ${chosen}.`, 'skip');
  return bytesContent(photo.bytes, from, photo.contentType);
}
