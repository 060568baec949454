/** mboxrd reading and writing (model/mail-mbox.ts), the archive's header fields, and the streaming MIME walk. */
import { describe, expect, it } from 'vitest';
import { archiveHeaderFields, readArchivedMessage } from '../../../model/mail-archive';
import { mboxEnvelope, readMbox, writeMbox } from '../../../model/mail-mbox';
import { isAttachment, leafFileName, walkMime } from '../../../model/mail-mime';

const bytes = (text: string) => new TextEncoder().encode(text);

async function* chunked(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}

async function text(source: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const piece of source) parts.push(Buffer.from(piece));
  return Buffer.concat(parts).toString('latin1');
}

async function messagesOf(mbox: Uint8Array, size = 3): Promise<{ envelope: string; body: string }[]> {
  const out = [];
  for await (const m of readMbox(chunked(mbox, size))) out.push({ envelope: m.envelope, body: await text(m.body) });
  return out;
}

describe('mboxrd', () => {
  const one = 'Subject: one\r\n\r\nFrom here on\r\n>From quoted once\r\n\r\n';
  const two = 'Subject: two\n\nlast line without break';

  it('round-trips messages, From_ lines quoted and unquoted, line endings kept', async () => {
    const written = await text(writeMbox([
      { envelope: 'a@example.com Thu Jan  1 00:00:00 2024', body: chunked(bytes(one), 4) },
      { envelope: 'MAILER-DAEMON Fri Jan  2 00:00:00 2024', body: chunked(bytes(two), 4) },
    ]));
    expect(written).toContain('\r\n>From here on\r\n>>From quoted once\r\n');
    const read = await messagesOf(bytes(written));
    expect(read).toEqual([
      { envelope: 'a@example.com Thu Jan  1 00:00:00 2024', body: one },
      // A message that ends without a line break gains one: an mbox line always ends.
      { envelope: 'MAILER-DAEMON Fri Jan  2 00:00:00 2024', body: `${two}\n` },
    ]);
  });

  it('splits only at a From_ line that opens the file or follows an empty line', async () => {
    const read = await messagesOf(bytes('From x\nA: 1\n\nbody\nFrom inside a paragraph\n\nFrom y\nB: 2\n\nz\n'));
    expect(read.map((m) => m.body)).toEqual(['A: 1\n\nbody\nFrom inside a paragraph\n', 'B: 2\n\nz\n']);
  });

  it('writes the envelope date in asctime form', () => {
    expect(mboxEnvelope('bob@example.com', new Date(Date.UTC(2024, 0, 5, 7, 8, 9)))).toBe('bob@example.com Fri Jan  5 07:08:09 2024');
  });

  it('takes the archive fields off the front and reads flags and labels', () => {
    const head = archiveHeaderFields({ labels: ['Work', 'Reisen ✈'], read: false, flagged: true, important: true, draft: false });
    const message = bytes('Subject: x\r\n\r\nhi\r\n');
    const archived = readArchivedMessage('Inbox', new Uint8Array([...head, ...message]));
    expect(archived).toMatchObject({ folder: 'Inbox', labels: ['Work', 'Reisen ✈'], read: false, flagged: true, important: true, draft: false });
    expect(Buffer.from(archived.raw).toString()).toBe('Subject: x\r\n\r\nhi\r\n');
  });
});

describe('streaming MIME walk', () => {
  const mime = [
    'Subject: parts',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    'preamble',
    '--outer',
    'Content-Type: multipart/alternative; boundary=inner',
    '',
    '--inner',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'caf=C3=A9 soft=',
    'break',
    '--inner',
    'Content-Type: text/html',
    '',
    '<p>hi</p>',
    '--inner--',
    'epilogue',
    '--outer',
    'Content-Type: application/pdf; name="r.pdf"',
    'Content-Disposition: attachment; filename*=utf-8\'\'R%C3%A9sum%C3%A9.pdf',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('%PDF binary \x00\x01').toString('base64'),
    '--outer--',
    '',
  ].join('\r\n');

  it.each([1, 5, 4096])('finds every leaf with its decoded body (chunks of %i bytes)', async (size) => {
    let top: string | undefined;
    const leaves = [];
    for await (const leaf of walkMime(chunked(bytes(mime), size), (h) => (top = h.find((f) => f.name === 'Subject')?.value))) {
      leaves.push({ type: leaf.contentType, body: await text(leaf.body), attachment: isAttachment(leaf), name: leafFileName(leaf) });
    }
    expect(top).toBe('parts');
    expect(leaves).toEqual([
      { type: 'text/plain', body: Buffer.from('café softbreak').toString('latin1'), attachment: false, name: undefined },
      { type: 'text/html', body: '<p>hi</p>', attachment: false, name: undefined },
      { type: 'application/pdf', body: '%PDF binary \x00\x01', attachment: true, name: 'Résumé.pdf' },
    ]);
  });
});
