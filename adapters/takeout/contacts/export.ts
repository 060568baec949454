/**
 * Exports the contacts of a Takeout's Contacts folder into one address book: `All Contacts/All Contacts.vcf`
 * when the export has it (every contact once), with each contact's labels taken from the other files it is in
 * (`<label>/<label>.vcf`). The files are read when the export starts; a photo inside a card is streamed from the
 * parsed card when the importer asks.
 */
import type { AdapterContext, ContentStream, ExportPage, Exporter, ItemData } from '../../../model/adapter';
import type { Contact } from '../../../model/contact';
import type { VCardEntry } from '../../../model/contact-vcard';
import { planOnce, planPage } from '../../archive-paging';
import { photoContent, plannedContacts, readCardFile, type PlannedContacts } from '../../vcard-entries';
import { baseNameOf } from '../../zip-archive';
import { openTakeout, productFiles, productMissing } from '../client';
import { identityOf, withGroups } from './map';

export const PAGE_SIZE = 500;
export const CONTACTS_FOLDERS = ['Contacts', 'Kontakte', 'Contactos', 'Contatti', 'Contatos', 'Contacten'];
const ALL_CONTACTS = /^all contacts\.vcf$/i;

export const containerKey = (account: string): string => `takeout:${account}:contacts:container:contacts`;
export const contactKey = (account: string, identity: string): string => `takeout:${account}:contacts:${identity}`;

export class TakeoutContactsExporter implements Exporter {
  readonly dataType = 'contacts' as const;
  private readonly open = planOnce(() => this.plan());

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  private async plan(): Promise<PlannedContacts> {
    const tree = await openTakeout(this.ctx);
    const files = productFiles(tree, CONTACTS_FOLDERS)?.files.filter((f) => f.path.toLowerCase().endsWith('.vcf')) ?? [];
    if (!files.length) throw productMissing(tree, 'Google Contacts', CONTACTS_FOLDERS[0]!);
    const everyone = files.filter((f) => ALL_CONTACTS.test(baseNameOf(f.path)));
    const ordered = [...everyone, ...files.filter((f) => !everyone.includes(f))];
    const found = new Map<string, { entry: VCardEntry; groups: Set<string> }>();
    for (const file of ordered) {
      const group = baseNameOf(file.path).replace(/\.vcf$/i, '');
      const entries = await readCardFile(file, baseNameOf(file.path));
      // Two cards alike within one file are two contacts; across files, the n-th of them is the same one.
      const seenInFile = new Map<string, number>();
      for (const entry of entries) {
        const alike = identityOf(entry.contact);
        const nth = (seenInFile.get(alike) ?? 0) + 1;
        seenInFile.set(alike, nth);
        const identity = nth === 1 ? alike : `${alike}#${nth}`;
        const known = found.get(identity) ?? { entry, groups: new Set<string>() };
        known.groups.add(group);
        found.set(identity, known);
      }
    }
    const account = this.ctx.account;
    const cards = [...found].map(([identity, { entry, groups }]) => ({ key: contactKey(account, identity), data: withGroups(entry.contact, groups), photo: entry.photo }));
    return plannedContacts(cards, containerKey(account));
  }

  async exportPage(cursor: string | undefined): Promise<ExportPage> {
    return planPage(this.open(), cursor, this.pageSize);
  }

  async openContent(item: { key: string; data: ItemData }, from = 0): Promise<ContentStream> {
    return photoContent(await this.open(), { key: item.key, data: item.data as Contact }, from, 'files');
  }
}
