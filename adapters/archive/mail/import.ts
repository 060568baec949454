/** Messages staged for the archive's `mail/<folder>.mbox` (README.md, "Layout"): raw MIME streamed to disk. */
import type { AdapterContext } from '../../../model/adapter';
import { MAIL_FIELDS, type MailMessage } from '../../../model/mail';
import { StagingImporter } from '../staging-importer';

/** The bytes carry Message-ID, subject and date; the file its folder; X-Gmail-Labels, Status and X-Status the rest (model/mail-archive.ts). */
export const MAIL_FIELDS_KEPT: readonly string[] = MAIL_FIELDS;

export class ArchiveMailImporter extends StagingImporter<MailMessage> {
  constructor(ctx: AdapterContext) {
    super(ctx, 'mail', { wantsContent: () => true });
  }
}
