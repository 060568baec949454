/**
 * Exports the contacts of an archive's `contacts/` folder into one address book, each contact once with the
 * groups of the files it is in (map.ts). The files are read when the export starts; a photo inside a card is
 * handed out from the parsed card when the importer asks.
 */
import type { AdapterContext, ContentStream, ExportPage, Exporter, ItemData } from '../../../model/adapter';
import type { Contact } from '../../../model/contact';
import type { VCardEntry } from '../../../model/contact-vcard';
import { planOnce, planPage } from '../../archive-paging';
import { photoContent, plannedContacts, readCardFile, type PlannedContacts } from '../../vcard-entries';
import { openFerryArchive, typeFiles } from '../client';
import { groupOfFile, withGroups } from './map';

export const PAGE_SIZE = 500;

export const containerKey = (account: string): string => `archive:${account}:contacts:container:contacts`;
export const contactKey = (account: string, uid: string): string => `archive:${account}:contacts:${uid}`;

export class ArchiveContactsExporter implements Exporter {
  readonly dataType = 'contacts' as const;
  private readonly open = planOnce(() => this.plan());

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  private async plan(): Promise<PlannedContacts> {
    const archive = await openFerryArchive(this.ctx);
    const files = typeFiles(archive, 'contacts', 'contacts').filter((f) => f.path.toLowerCase().endsWith('.vcf'));
    const found = new Map<string, { entry: VCardEntry; groups: Set<string> }>();
    for (const { path, file } of files) {
      const entries = await readCardFile(file, file.path);
      const group = groupOfFile(path);
      for (const entry of entries) {
        const known = found.get(entry.contact.uid) ?? { entry, groups: new Set<string>() };
        if (group) known.groups.add(group);
        for (const named of entry.contact.groups) known.groups.add(named);
        found.set(entry.contact.uid, known);
      }
    }
    const account = this.ctx.account;
    const cards = [...found].map(([uid, { entry, groups }]) => ({ key: contactKey(account, uid), data: withGroups(entry.contact, groups), photo: entry.photo }));
    return plannedContacts(cards, containerKey(account));
  }

  async exportPage(cursor: string | undefined): Promise<ExportPage> {
    return planPage(this.open(), cursor, this.pageSize);
  }

  async openContent(item: { key: string; data: ItemData }, from = 0): Promise<ContentStream> {
    return photoContent(await this.open(), { key: item.key, data: item.data as Contact }, from, 'archive');
  }
}
