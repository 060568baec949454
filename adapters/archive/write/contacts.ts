/**
 * `contacts/<address book>.vcf`: one vCard 4.0 file per address book, photos inline (model/contact-vcard.ts). The
 * default address book is `contacts.vcf`; any other file's name is a group its cards belong to, as the layout reads
 * it (an Outlook contact folder, a CardDAV address book), besides the groups each card's CATEGORIES names.
 */
import type { Contact } from '../../../model/contact';
import { writeVCardFile, type VCardEntry } from '../../../model/contact-vcard';
import { contentFile } from '../scratch-layout';
import { stagedContent, type LayoutContext } from './layout-context';
import { NameTaker, safeSegment } from './names';
import { stagedGroups } from './staged-groups';

const DEFAULT_BOOK = 'contacts';

export async function writeAddressBooks(ctx: LayoutContext): Promise<number> {
  const groups = await stagedGroups<Contact>(ctx.scratch, 'contacts', 'Contacts');
  const names = new NameTaker([DEFAULT_BOOK]);
  let defaultGiven = false;
  let count = 0;
  for (const { container, items } of groups) {
    const entries: VCardEntry[] = [];
    for (const { folder, item } of items) {
      const photo = item.data.photo;
      if (photo && item.hasContent) {
        const bytes = new Uint8Array(await (await stagedContent(ctx, contentFile(folder), item.title)).arrayBuffer());
        entries.push({ contact: item.data, photo: { contentType: photo.contentType, bytes } });
      } else {
        entries.push({ contact: item.data });
      }
    }
    const isDefault: boolean = container.isDefault === true && !defaultGiven;
    defaultGiven ||= isDefault;
    const name = isDefault ? names.claim(DEFAULT_BOOK) : names.take(safeSegment(container.name, 'address book'));
    await ctx.zip.add(`contacts/${name}.vcf`, writeVCardFile(entries), { compress: true, modified: ctx.madeAt });
    count += items.length;
  }
  return count;
}
