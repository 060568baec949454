/**
 * A deterministic sample mailbox in the archive layout: `<dir>/mail/<folder>.mbox` (mboxrd), flags and
 * further labels in front of each message as model/mail-archive.ts describes. Generated messages cover
 * plain and HTML text, non-ASCII subjects, attachments, several labels, read/unread, starred and important,
 * plus one message of several MB whose attachment is over 3 MB (Outlook's upload-session path); the
 * real-world messages of /work/shared/fixtures/mail are added when that folder is present.
 * Same seed, same bytes. Run alone: `npx tsx tests/sandbox/sample-data/mail.ts OUTDIR [COUNT] [SEED]`.
 */
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { archiveHeaderFields } from '../../../model/mail-archive';
import { mboxEnvelope, readMbox, writeMbox, type MboxMessage } from '../../../model/mail-mbox';
import { SHARED_DIR } from '../../harness/paths';
import { SeededRandom } from './random';

export const MAIL_FIXTURES_DIR = join(SHARED_DIR, 'fixtures', 'mail');

/** System folders first, then labels; `folders` takes the first n. */
const FOLDERS = ['Inbox', 'Sent', 'Archive', 'Work', 'Travel', 'Family', 'Receipts', 'Newsletters', 'Projects', 'Clubs', 'Health', 'Garden'];
const PEOPLE: [string, string][] = [
  ['Bob Builder', 'bob@example.org'], ['Carol Jäger', 'carol@example.net'], ['Dmitri Иванов', 'dmitri@example.com'],
  ['Eve O\'Neil', 'eve@example.org'], ['Fumiko 山田', 'fumiko@example.jp'], ['Grace Hopper', 'grace@example.edu'],
];
const ALICE = ['Alice Example', 'alice@example.com'] as const;
const SUBJECTS = ['Lunch on Friday?', 'Quarterly report', 'Your receipt #{n}', 'Trip to Lisbon ✈️', 'Re: Garden plans', 'Fwd: Photos from the party', 'Rechnung für März', 'Встреча в понедельник', 'Weekly newsletter', 'Project kickoff notes'];
const WORDS = 'the a garden report meeting budget draft lisbon tickets hotel plan review coffee cake invoice photos weekend train agenda notes'.split(' ');

export interface SampleMailOptions {
  count?: number;
  folders?: number;
  seed?: number;
  /** Size of the one large message's attachment (default 5 MB; 0 leaves it out). */
  largeAttachmentBytes?: number;
  /** Include /work/shared/fixtures/mail when present (default true). */
  fixtures?: boolean;
  /**
   * Messages filed twice with one Message-ID, as mailboxes hold them (a message copied to a second folder, a
   * second copy in the same folder): each is one copy to another folder and one to its own. Default 1 pair when
   * count ≥ 100, else none.
   */
  sharedIdPairs?: number;
}

interface Sample {
  folder: string;
  labels: string[];
  read: boolean;
  flagged: boolean;
  important: boolean;
  date: Date;
  raw: Uint8Array;
}

const encodedWord = (text: string): string => (/^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`);
const mailbox = ([name, address]: readonly [string, string]): string => `${encodedWord(name)} <${address}>`;
const base64Lines = (bytes: Buffer): string => (bytes.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');

function sentence(random: SeededRandom, words: number): string {
  return Array.from({ length: words }, () => random.pick(WORDS)).join(' ');
}

function generatedMessage(random: SeededRandom, n: number, date: Date, folder: string, attachmentBytes: number): Buffer {
  const other = random.pick(PEOPLE);
  const outgoing = folder === 'Sent';
  const subject = random.pick(SUBJECTS).replace('{n}', String(1000 + n));
  const head = [
    `From: ${mailbox(outgoing ? ALICE : other)}`,
    `To: ${mailbox(outgoing ? other : ALICE)}`,
    ...(random.chance(0.2) ? [`Cc: ${mailbox(random.pick(PEOPLE))}`] : []),
    `Subject: ${encodedWord(subject)}`,
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <sample-${n}.${date.getTime().toString(36)}@example.com>`,
    'MIME-Version: 1.0',
  ];
  const text = `${sentence(random, random.int(8, 60))}.\r\n\r\n-- \r\n${outgoing ? ALICE[0] : other[0]}\r\n`;
  const html = random.chance(0.3);
  const textPart = html
    ? ['Content-Type: text/html; charset=UTF-8', 'Content-Transfer-Encoding: quoted-printable', '', `<p>${text.replace(/\r\n/g, '<br>=\r\n')}</p>`]
    : ['Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: 8bit', '', text];
  if (!attachmentBytes) return Buffer.from([...head, ...textPart].join('\r\n'));
  const boundary = `=_sample_${n}_${random.int(1000, 9999)}`;
  const content = Buffer.alloc(attachmentBytes);
  for (let i = 0; i < content.length; i += 4) content.writeUInt32LE(Math.floor(random.next() * 0x1_0000_0000), Math.min(i, content.length - 4));
  const name = attachmentBytes > 1024 * 1024 ? `scan-${n}.pdf` : random.pick([`notes-${n}.txt`, `photo-${n}.jpg`, `rechnung-${n}.pdf`]);
  return Buffer.from(
    [
      ...head,
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      'This is a multi-part message in MIME format.',
      `--${boundary}`,
      ...textPart,
      `--${boundary}`,
      `Content-Type: application/octet-stream; name="${name}"`,
      `Content-Disposition: attachment; filename="${name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(content),
      `--${boundary}--`,
      '',
    ].join('\r\n'),
  );
}

async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const piece of body) parts.push(Buffer.from(piece));
  return Buffer.concat(parts);
}

/** The real-world messages: every .eml, and every message of every .mbox, in name order. */
export async function fixtureMessages(dir = MAIL_FIXTURES_DIR): Promise<Buffer[]> {
  if (!existsSync(dir)) return [];
  const out: Buffer[] = [];
  for (const source of (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    for (const file of (await readdir(join(dir, source))).sort()) {
      const path = join(dir, source, file);
      if (file.endsWith('.eml')) out.push(await readFile(path));
      else if (file.endsWith('.mbox')) for await (const entry of readMbox(createReadStream(path))) out.push(await collect(entry.body));
    }
  }
  return out;
}

async function* chunks(...parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* parts;
}

export async function writeSampleMail(dir: string, options: SampleMailOptions = {}): Promise<{ messages: number; folders: string[] }> {
  const { count = 1000, folders = 10, seed = 7, largeAttachmentBytes = 5 * 1024 * 1024, fixtures = true } = options;
  const sharedIdPairs = options.sharedIdPairs ?? (count >= 100 ? 1 : 0);
  const random = new SeededRandom(seed);
  const names = FOLDERS.slice(0, Math.max(1, Math.min(folders, FOLDERS.length)));
  const labels = names.filter((n) => !['Inbox', 'Sent', 'Archive'].includes(n));
  const real = fixtures ? await fixtureMessages() : [];
  const samples: Sample[] = [];
  const start = Date.UTC(2023, 0, 1);
  const generated = Math.max(0, count - real.length - (largeAttachmentBytes ? 1 : 0) - 2 * sharedIdPairs);
  for (let n = 0; n < generated; n++) {
    const date = new Date(start + random.int(0, 700 * 86_400) * 1000);
    const folder = n < names.length ? names[n]! : random.pick(names);
    const extra = labels.length && random.chance(0.15) ? random.sample(labels.filter((l) => l !== folder), random.int(1, 2)) : [];
    const attachment = random.chance(0.1) ? random.int(200, 40_000) : 0;
    samples.push({ folder, labels: extra, read: random.chance(0.7), flagged: random.chance(0.1), important: random.chance(0.1), date, raw: generatedMessage(random, n, date, folder, attachment) });
  }
  for (let pair = 0; pair < Math.min(sharedIdPairs, samples.length); pair++) {
    const original = samples[pair]!;
    const elsewhere = names.find((n) => n !== original.folder) ?? original.folder;
    samples.push({ ...original, folder: elsewhere, labels: [] }, { ...original, labels: [] });
  }
  if (largeAttachmentBytes) {
    const date = new Date(Date.UTC(2024, 5, 1, 9, 30));
    samples.push({ folder: 'Inbox', labels: labels.slice(0, 1), read: false, flagged: true, important: true, date, raw: generatedMessage(random, generated, date, 'Inbox', largeAttachmentBytes) });
  }
  real.forEach((raw, i) => samples.push({ folder: i % 2 ? 'Archive' : 'Inbox', labels: [], read: i % 3 !== 0, flagged: i % 5 === 0, important: false, date: new Date(start), raw }));
  await mkdir(join(dir, 'mail'), { recursive: true });
  for (const folder of new Set(samples.map((s) => s.folder))) {
    const entries: MboxMessage[] = samples
      .filter((s) => s.folder === folder)
      .map((s) => ({ envelope: mboxEnvelope('MAILER-DAEMON', s.date), body: chunks(archiveHeaderFields({ ...s, draft: false }), s.raw) }));
    await pipeline(Readable.from(writeMbox(entries)), createWriteStream(join(dir, 'mail', `${folder}.mbox`)));
  }
  return { messages: samples.length, folders: [...new Set(samples.map((s) => s.folder))] };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [out, count, seed] = process.argv.slice(2);
  if (!out) throw new Error('usage: tsx tests/sandbox/sample-data/mail.ts OUTDIR [COUNT] [SEED]');
  const written = await writeSampleMail(resolve(out), { count: count ? Number(count) : undefined, seed: seed ? Number(seed) : undefined });
  console.log(`wrote ${written.messages} messages in ${written.folders.length} folders to ${resolve(out)}/mail`);
}
