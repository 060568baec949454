/**
 * The streaming decode of messages.get?format=raw: the `raw` member is found and decoded as it arrives,
 * whatever the chunking, escapes and member order, and a message far larger than a chunk passes through
 * with memory bounded by the chunk, not by the message.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rawMessageBytes, streamStringMember } from '../../../adapters/google/mail/raw-field';
import { AdapterError } from '../../../model/adapter';

async function* chunked(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const piece of source) parts.push(Buffer.from(piece));
  return Buffer.concat(parts);
}

describe('raw member of a Gmail message', () => {
  const message = Buffer.from('From: a@example.com\r\nSubject: Hi\r\n\r\nBody ✓\r\n');
  const answer = (raw: string) => `{"id":"18c","snippet":"a \\"quoted\\" raw: x","labelIds":["INBOX"],"payload":{"raw":"no"},"raw":"${raw}","historyId":"1"}`;

  it.each([1, 2, 3, 7, 64, 4096])('decodes base64url split into chunks of %i bytes', async (size) => {
    expect(await collect(rawMessageBytes(chunked(answer(message.toString('base64url')), size)))).toEqual(message);
  });

  it('resolves JSON escapes inside the member (Google writes = as \\u003d)', async () => {
    const padded = Buffer.from('ab');
    const text = answer(padded.toString('base64').replace(/=/g, '\\u003d'));
    expect(await collect(rawMessageBytes(chunked(text, 5)))).toEqual(padded);
  });

  it('ignores a member of the same name inside a nested object or a string', async () => {
    expect((await collect(streamStringMember(chunked(answer('QUJD'), 3), 'raw'))).toString()).toBe('QUJD');
  });

  it('says so when the answer has no raw member', async () => {
    await expect(collect(rawMessageBytes(chunked('{"id":"1"}', 4)))).rejects.toBeInstanceOf(AdapterError);
  });

  it('streams a 24 MB message in 64 KiB chunks without holding it', async () => {
    const total = 24 * 1024 * 1024;
    const piece = Buffer.alloc(3 * 64 * 1024, 'x');
    const want = createHash('sha256');
    async function* answerStream(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('{"id":"big","raw":"');
      for (let sent = 0; sent < total; sent += piece.length) {
        want.update(piece);
        yield Buffer.from(piece.toString('base64url'));
      }
      yield Buffer.from('","historyId":"2"}');
    }
    const got = createHash('sha256');
    let size = 0;
    let largest = 0;
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    for await (const bytes of rawMessageBytes(answerStream())) {
      got.update(bytes);
      size += bytes.length;
      largest = Math.max(largest, bytes.length);
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }
    expect(size).toBe(total);
    expect(got.digest('hex')).toBe(want.digest('hex'));
    expect(largest, 'no decoded piece larger than its input chunk').toBeLessThanOrEqual(piece.length);
    expect(heapPeak - heapBefore, 'heap growth well under the message size').toBeLessThan(total / 2);
  });
});
