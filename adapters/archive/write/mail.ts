/**
 * `mail/<folder>.mbox`: one mboxrd file per folder, each message's bytes as they arrived with the archive's
 * X-Gmail-Labels, Status and X-Status fields in front (model/mail-archive.ts). Streamed message by message.
 */
import { iterateStream, streamOf } from '../../../model/byte-stream';
import type { MailMessage } from '../../../model/mail';
import { archiveHeaderFields } from '../../../model/mail-archive';
import { headerValue, parseAddressList, parseHeaderBlock } from '../../../model/mail-headers';
import { mboxEnvelope, writeMbox, type MboxMessage } from '../../../model/mail-mbox';
import { contentFile, type StagedItem } from '../scratch-layout';
import { stagedContent, type LayoutContext } from './layout-context';
import { NameTaker, safePath } from './names';
import { stagedGroups } from './staged-groups';

/** Enough of a message to hold its header block; a longer one still gives its first fields. */
const HEAD_BYTES = 64 * 1024;

/** The `From ` line's sender: the envelope sender (Return-Path) when the message kept it, else its author. */
async function senderOf(raw: Blob): Promise<string> {
  const fields = parseHeaderBlock(new Uint8Array(await raw.slice(0, HEAD_BYTES).arrayBuffer()));
  const value = headerValue(fields, 'return-path') ?? headerValue(fields, 'from') ?? '';
  return parseAddressList(value)[0]?.address ?? 'MAILER-DAEMON';
}

async function* withFields(fields: Uint8Array, raw: Blob): AsyncGenerator<Uint8Array> {
  yield fields;
  yield* iterateStream(raw.stream());
}

async function* mboxMessages(ctx: LayoutContext, folderName: string, items: readonly { folder: string; item: StagedItem<MailMessage> }[]): AsyncGenerator<MboxMessage> {
  for (const { folder, item } of items) {
    const raw = await stagedContent(ctx, contentFile(folder), item.title);
    const message = item.data;
    const fields = archiveHeaderFields({
      labels: message.folders.filter((name) => name !== folderName),
      read: message.read,
      flagged: message.flagged,
      important: message.important,
      draft: message.draft,
    });
    const date = new Date(message.date);
    yield { envelope: mboxEnvelope(await senderOf(raw), Number.isNaN(date.getTime()) ? ctx.madeAt : date), body: withFields(fields, raw) };
  }
}

export async function writeMailFolders(ctx: LayoutContext): Promise<number> {
  const groups = await stagedGroups<MailMessage>(ctx.scratch, 'mail', 'Archive');
  const names = new NameTaker();
  let count = 0;
  for (const { container, items } of groups) {
    const name = names.take(safePath(container.name, 'mail'));
    await ctx.zip.add(`mail/${name}.mbox`, streamOf(writeMbox(mboxMessages(ctx, container.name, items))), { compress: true, modified: ctx.madeAt });
    count += items.length;
  }
  return count;
}
