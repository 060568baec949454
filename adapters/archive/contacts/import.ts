/** Contacts staged for the archive's `contacts/<address book>.vcf` (README.md, "Layout"), photos as their bytes. */
import type { AdapterContext } from '../../../model/adapter';
import { CONTACT_FIELDS, type Contact } from '../../../model/contact';
import { StagingImporter } from '../staging-importer';

/** A vCard 4.0 card holds every field of the model (model/contact-vcard.ts), the photo inline. */
export const CONTACTS_FIELDS_KEPT: readonly string[] = CONTACT_FIELDS;

export class ArchiveContactsImporter extends StagingImporter<Contact> {
  constructor(ctx: AdapterContext) {
    super(ctx, 'contacts', {
      wantsContent: (contact) => contact.photo !== undefined,
      contentOptional: true,
      prepare: (item, contentRead) => {
        if (!item.data.photo || contentRead) return { data: item.data, lost: [] };
        const { photo: _unread, ...data } = item.data;
        return { data, lost: [{ field: 'photo', reason: 'The source gives no way to read the photo, so the card is written without it.' }] };
      },
    });
  }
}
