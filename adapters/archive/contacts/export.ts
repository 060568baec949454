/**
 * Exports the contacts of an archive's `contacts/` folder into one address book, each contact once with the
 * groups of the files it is in (map.ts). The files are read when the export starts; a photo inside a card is
 * handed out from the parsed card when the importer asks.
 */
import { AdapterError, type AdapterContext, type ContentStream, type ExportPage, type ExportedItem, type Exporter, type ItemData } from '../../../model/adapter';
import { contactLabel, type Contact } from '../../../model/contact';
import { parseVCardFile, type VCardEntry } from '../../../model/contact-vcard';
import { pageAt, planOnce } from '../../archive-paging';
import { entryBytes } from '../../zip-entry';
import { openFerryArchive, typeFiles } from '../client';
import { groupOfFile, withGroups } from './map';

export const PAGE_SIZE = 500;

export const containerKey = (account: string): string => `archive:${account}:contacts:container:contacts`;
export const contactKey = (account: string, uid: string): string => `archive:${account}:contacts:${uid}`;

interface Photo {
  contentType: string;
  bytes: Uint8Array;
}

interface Planned {
  items: ExportedItem<Contact>[];
  photos: Map<string, Photo>;
}

export class ArchiveContactsExporter implements Exporter {
  readonly dataType = 'contacts' as const;
  private readonly open = planOnce(() => this.plan());

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  private async plan(): Promise<Planned> {
    const archive = await openFerryArchive(this.ctx);
    const files = typeFiles(archive, 'contacts', 'contacts').filter((f) => f.path.toLowerCase().endsWith('.vcf'));
    const found = new Map<string, { entry: VCardEntry; groups: Set<string> }>();
    for (const { path, file } of files) {
      const parsed = parseVCardFile(await entryBytes(file), file.path);
      if (!parsed.entries.length && parsed.problems.length) {
        throw new AdapterError(`${file.path} in ${file.part} holds no card Ferry can read: ${parsed.problems[0]!.message}`, 'fatal');
      }
      const group = groupOfFile(path);
      for (const entry of parsed.entries) {
        const known = found.get(entry.contact.uid) ?? { entry, groups: new Set<string>() };
        if (group) known.groups.add(group);
        for (const named of entry.contact.groups) known.groups.add(named);
        found.set(entry.contact.uid, known);
      }
    }
    const account = this.ctx.account;
    const items: ExportedItem<Contact>[] = [];
    const photos = new Map<string, Photo>();
    for (const [uid, { entry, groups }] of found) {
      const key = contactKey(account, uid);
      const data = withGroups(entry.contact, groups);
      if (entry.photo && 'bytes' in entry.photo) {
        photos.set(key, entry.photo);
        data.photo = { contentType: entry.photo.contentType, sourceUrl: key };
      }
      items.push({ key, dataType: 'contacts', containerKey: containerKey(account), title: contactLabel(data), data });
    }
    return { items, photos };
  }

  async exportPage(cursor: string | undefined): Promise<ExportPage> {
    const { items } = await this.open();
    return pageAt(items, cursor, this.pageSize, () => [{ key: containerKey(this.ctx.account), dataType: 'contacts', name: 'Contacts', isDefault: true }]);
  }

  async openContent(item: { key: string; data: ItemData }, from = 0): Promise<ContentStream> {
    const photo = (await this.open()).photos.get(item.key);
    if (!photo) throw new AdapterError(`The photo of “${contactLabel(item.data as Contact)}” is no longer in the chosen archive.`, 'skip');
    const offset = Math.min(from, photo.bytes.length);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(photo.bytes.subarray(offset));
        controller.close();
      },
    });
    return { body, size: photo.bytes.length, offset, contentType: photo.contentType };
  }
}
