/**
 * A dumped account's mail as a person sees it, read from the archive layout (`mail/<folder>.mbox`, mboxrd) by a
 * reader of the test's own: folders and labels, flags, the headers a person reads, and a hash of the message's
 * own bytes (the archive's state headers taken off). Messages are keyed by Message-ID, else subject and date.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface MailFacts {
  subject: string;
  date: string;
  /** Folder and labels, flags apart, sorted. */
  folders: string[];
  read: boolean;
  flagged: boolean;
  draft: boolean;
  /** SHA-256 of the message without the archive's state headers. */
  bytes: string;
  /** SHA-256 of each base64 attachment's decoded content, sorted: kept even where a message is rebuilt. */
  attachments: string[];
  /** Its length in bytes (not compared: it tells which messages a destination rebuilds). */
  size: number;
}

export type MailFactName = Exclude<keyof MailFacts, 'size'>;
export const MAIL_FACTS: readonly MailFactName[] = ['subject', 'date', 'folders', 'read', 'flagged', 'draft', 'bytes', 'attachments'];

const STATE_HEADERS = /^(x-gmail-labels|status|x-status):/i;
const FLAG_LABELS = new Set(['important', 'starred', 'unread', 'opened']);

/** The messages of one mbox file, From_ lines dropped and mboxrd quoting undone. */
function splitMbox(text: string): string[] {
  const messages: string[] = [];
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('From ')) {
      if (current) messages.push(current.join('\n'));
      current = [];
      continue;
    }
    current?.push(/^>+From /.test(line) ? line.slice(1) : line);
  }
  if (current) messages.push(current.join('\n'));
  // The blank line before each From_ line belongs to the mbox, not to the message; writers differ on how many.
  return messages.map((m) => m.replace(/(\r?\n)+$/, ''));
}

function headerBlock(message: string): { headers: [string, string][]; headerText: string; body: string } {
  const end = message.search(/\r?\n\r?\n/);
  const headerText = end < 0 ? message : message.slice(0, end);
  const body = end < 0 ? '' : message.slice(end);
  const headers: [string, string][] = [];
  for (const line of headerText.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && headers.length) headers[headers.length - 1]![1] += ` ${line.trim()}`;
    else {
      const colon = line.indexOf(':');
      if (colon > 0) headers.push([line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()]);
    }
  }
  return { headers, headerText, body };
}

/** Hashes of the base64 attachments of a MIME entity, nested multiparts included. */
function attachmentHashes(headers: [string, string][], body: string): string[] {
  const type = headers.find(([n]) => n === 'content-type')?.[1] ?? '';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const parts = body.split(`--${boundary}`).slice(1, -1);
    return parts.flatMap((part) => {
      const inner = headerBlock(part.replace(/^\r?\n/, ''));
      return attachmentHashes(inner.headers, inner.body);
    });
  }
  const disposition = headers.find(([n]) => n === 'content-disposition')?.[1] ?? '';
  const encoding = headers.find(([n]) => n === 'content-transfer-encoding')?.[1] ?? '';
  if (!/^attachment/i.test(disposition) || !/base64/i.test(encoding)) return [];
  return [createHash('sha256').update(Buffer.from(body.replace(/\s+/g, ''), 'base64')).digest('hex').slice(0, 16)];
}

export async function readMailFacts(dir: string): Promise<Map<string, MailFacts[]>> {
  const folder = path.join(dir, 'mail');
  const files = (await readdir(folder).catch(() => [] as string[])).filter((f) => f.endsWith('.mbox')).sort();
  const mail = new Map<string, MailFacts[]>();
  for (const file of files) {
    for (const message of splitMbox(await readFile(path.join(folder, file), 'latin1'))) {
      const { headers, headerText, body } = headerBlock(message);
      const header = (name: string) => headers.find(([n]) => n === name)?.[1];
      const labels = (header('x-gmail-labels') ?? '').split(',').map((l) => l.trim()).filter(Boolean);
      const status = header('status') ?? '';
      const xStatus = header('x-status') ?? '';
      const own = headerText
        .split(/\r?\n(?![ \t])/)
        .filter((h) => !STATE_HEADERS.test(h))
        .join('\n');
      const facts: MailFacts = {
        subject: header('subject') ?? '',
        date: header('date') ?? '',
        folders: [...new Set([path.basename(file, '.mbox'), ...labels.filter((l) => !FLAG_LABELS.has(l.toLowerCase()))])].sort(),
        read: status.includes('R') || labels.some((l) => l.toLowerCase() === 'opened'),
        flagged: xStatus.includes('F') || labels.some((l) => l.toLowerCase() === 'starred'),
        draft: xStatus.includes('D'),
        bytes: createHash('sha256').update(`${own}${body}`.replace(/\r\n/g, '\n'), 'latin1').digest('hex').slice(0, 16),
        attachments: attachmentHashes(headers, body).sort(),
        size: message.length,
      };
      const messageId = header('message-id');
      const key = messageId ? `<${messageId.replace(/^<|>$/g, '')}>` : `${facts.subject} @ ${facts.date} #${facts.bytes}`;
      mail.set(key, [...(mail.get(key) ?? []), facts]);
    }
  }
  return mail;
}

export const mailCount = (mail: Map<string, MailFacts[]>): number => [...mail.values()].reduce((n, l) => n + l.length, 0);

/**
 * Differences between the two accounts, except the facts `mayDiffer` lists for a message. Copies that share a
 * Message-ID (RFC 5322 §3.6.4) arrive as `copiesArriving(copies)` messages (Gmail keeps one, Outlook one per
 * folder), each with the bytes of one copy. Messages the destination refused (`refused`, listed in the job's
 * report) are left out.
 */
export function diffMail(
  left: Map<string, MailFacts[]>,
  arrived: Map<string, MailFacts[]>,
  mayDiffer: (m: MailFacts) => ReadonlySet<MailFactName>,
  refused: (m: MailFacts) => boolean = () => false,
  copiesArriving: (copies: readonly MailFacts[]) => number = () => 1,
): string[] {
  const problems: string[] = [];
  for (const [key, all] of left) {
    const wants = all.filter((m) => !refused(m));
    if (wants.length === 0) continue;
    const gots = arrived.get(key) ?? [];
    const shared = key.startsWith('<') && wants.length > 1;
    const expected = shared ? copiesArriving(wants) : wants.length;
    if (gots.length !== expected) {
      problems.push(`${key}: ${wants.length} at the source, ${gots.length} at the destination`);
      continue;
    }
    if (shared) {
      // A merged message has the bytes of one copy and the state of the copy that arrived first: only that each
      // arrival's bytes are one copy's is checked.
      for (const got of gots) {
        if (!wants.some((w) => w.bytes === got.bytes || mayDiffer(w).has('bytes'))) problems.push(`${key}: arrived bytes match none of its ${wants.length} copies`);
      }
      continue;
    }
    wants.forEach((want, i) => {
      const got = gots[i]!;
      const lossy = mayDiffer(want);
      for (const fact of MAIL_FACTS) {
        if (lossy.has(fact)) continue;
        if (JSON.stringify(want[fact]) !== JSON.stringify(got[fact])) problems.push(`${key}: ${fact} ${JSON.stringify(want[fact])} → ${JSON.stringify(got[fact])}`);
      }
    });
  }
  for (const key of arrived.keys()) if (!left.has(key)) problems.push(`${key}: at the destination but never at the source`);
  return problems;
}
