/**
 * A message's MIME ↔ its Graph properties in the sandbox: what Exchange reads out of a MIME it is given
 * (subject, addresses, Message-ID, Date as sent time, importance, text), and the MIME it gives out for a
 * message made from JSON (`$value`), with its attachments in base64.
 */
import { decodeHeaderText, headerValue, parseAddressList, parseHeaderBlock, parseMailDate, type HeaderField } from '../../../../model/mail-headers';
import { headerParameter, isAttachment, walkMime } from '../../../../model/mail-mime';
import type { Recipient, StoredAttachment, StoredMail } from './store';

export type MimeProperties = Pick<
  StoredMail,
  'subject' | 'from' | 'toRecipients' | 'ccRecipients' | 'bccRecipients' | 'replyTo' | 'internetMessageId' | 'sentDateTime' | 'importance' | 'body'
> & { hasAttachments: boolean };

const recipients = (fields: HeaderField[], name: string): Recipient[] =>
  parseAddressList(headerValue(fields, name) ?? '').map((a) => ({ emailAddress: a.name ? { name: a.name, address: a.address } : { address: a.address } }));

function importanceOf(fields: HeaderField[]): StoredMail['importance'] {
  const importance = headerValue(fields, 'Importance')?.toLowerCase();
  const priority = Number(/^\s*(\d)/.exec(headerValue(fields, 'X-Priority') ?? '')?.[1]);
  if (importance === 'high' || priority === 1 || priority === 2) return 'high';
  if (importance === 'low' || priority === 4 || priority === 5) return 'low';
  return 'normal';
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** What Exchange makes of a MIME message's header and first text part. */
export async function propertiesOfMime(mime: Buffer, fallbackDate: string): Promise<MimeProperties> {
  const fields = parseHeaderBlock(mime);
  let body: StoredMail['body'] = { contentType: 'text', content: '' };
  let hasAttachments = false;
  let texts = 0;
  for await (const leaf of walkMime(once(mime))) {
    const parts: Buffer[] = [];
    for await (const piece of leaf.body) parts.push(Buffer.from(piece));
    if (isAttachment(leaf)) hasAttachments = true;
    else if (texts++ === 0 || leaf.contentType === 'text/html') {
      const charset = headerParameter(headerValue(leaf.headers, 'Content-Type'), 'charset') ?? 'utf-8';
      let content: string;
      try {
        content = new TextDecoder(charset).decode(Buffer.concat(parts));
      } catch {
        content = Buffer.concat(parts).toString('utf8');
      }
      body = { contentType: leaf.contentType === 'text/html' ? 'html' : 'text', content };
    }
  }
  const [from] = recipients(fields, 'From');
  return {
    subject: decodeHeaderText(headerValue(fields, 'Subject') ?? ''),
    ...(from && { from }),
    toRecipients: recipients(fields, 'To'),
    ccRecipients: recipients(fields, 'Cc'),
    bccRecipients: recipients(fields, 'Bcc'),
    replyTo: recipients(fields, 'Reply-To'),
    internetMessageId: headerValue(fields, 'Message-ID')?.trim() ?? '',
    sentDateTime: parseMailDate(headerValue(fields, 'Date')) ?? fallbackDate,
    importance: importanceOf(fields),
    body,
    hasAttachments,
  };
}

const address = (r: Recipient): string => (r.emailAddress.name ? `"${r.emailAddress.name.replace(/"/g, '\\"')}" <${r.emailAddress.address}>` : r.emailAddress.address);
const encodedWord = (text: string): string => (/^[\x20-\x7e]*$/.test(text) ? text : `=?utf-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`);
const base64Lines = (bytes: Buffer): string => (bytes.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');

/** The MIME Exchange gives for a message made from JSON. */
export function mimeOfMessage(m: StoredMail): Buffer {
  const head = [
    ...(m.from ? [`From: ${address(m.from)}`] : []),
    ...(m.toRecipients.length ? [`To: ${m.toRecipients.map(address).join(', ')}`] : []),
    ...(m.ccRecipients.length ? [`Cc: ${m.ccRecipients.map(address).join(', ')}`] : []),
    `Subject: ${encodedWord(m.subject)}`,
    `Date: ${new Date(m.sentDateTime).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${m.internetMessageId}`,
    ...(m.importance !== 'normal' ? [`Importance: ${m.importance}`] : []),
    'MIME-Version: 1.0',
  ];
  const text = Buffer.from(m.body.content, 'utf8');
  const textPart = [`Content-Type: text/${m.body.contentType === 'html' ? 'html' : 'plain'}; charset="utf-8"`, 'Content-Transfer-Encoding: base64', '', base64Lines(text)];
  if (m.attachments.length === 0) return Buffer.from([...head, ...textPart, ''].join('\r\n'));
  const boundary = `_000_${m.id.slice(6, 30).replace(/[^A-Za-z0-9]/g, '')}_`;
  const attachmentPart = (a: StoredAttachment): string[] => [
    `Content-Type: ${a.contentType}; name="${a.name}"`,
    `Content-Disposition: ${a.isInline ? 'inline' : 'attachment'}; filename="${a.name}"; size=${a.bytes.length}`,
    ...(a.contentId ? [`Content-ID: <${a.contentId}>`] : []),
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(a.bytes),
  ];
  const parts = [textPart, ...m.attachments.map(attachmentPart)].map((p) => `--${boundary}\r\n${p.join('\r\n')}\r\n`);
  return Buffer.from([...head, `Content-Type: multipart/mixed; boundary="${boundary}"`, '', ...parts, `--${boundary}--`, ''].join('\r\n'));
}
