import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { contentFromResponse, reopeningContent } from '../../../adapters/media-stream';
import { readBoundedContent } from '../../../adapters/content-bytes';
import { AdapterError } from '../../../model/adapter';
import { ChunkReader, iterateStream, piecesAhead } from '../../../model/byte-stream';

const streamOf = (...parts: number[][]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(Uint8Array.from(part));
      controller.close();
    },
  });

describe('ChunkReader over a fetch body', () => {
  it('cuts a stream into chunks across its parts and says when it is over', async () => {
    const reader = new ChunkReader(iterateStream(streamOf([1, 2], [3, 4, 5], [6])));
    expect([...(await reader.read(4))]).toEqual([1, 2, 3, 4]);
    expect(await reader.atEnd()).toBe(false);
    await reader.skip(1);
    expect([...(await reader.read(4))]).toEqual([6]);
    expect(await reader.atEnd()).toBe(true);
    expect((await reader.read(4)).length).toBe(0);
  });
});

describe('piecesAhead', () => {
  it('hands out pieces with their offsets and reads the next while the caller is busy with this one', async () => {
    const pulled: number[] = [];
    async function* source() {
      for (let i = 0; i < 5; i += 1) {
        pulled.push(i);
        yield Uint8Array.from([i * 2, i * 2 + 1]);
      }
    }
    const pieces: { offset: number; bytes: number[]; pulledWhenHandedOut: number }[] = [];
    for await (const { offset, bytes } of piecesAhead(new ChunkReader(source()), 2, 10, 3)) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      pieces.push({ offset, bytes: [...bytes], pulledWhenHandedOut: pulled.length });
    }
    expect(pieces.map(({ offset, bytes }) => ({ offset, bytes }))).toEqual([
      { offset: 2, bytes: [0, 1, 2] },
      { offset: 5, bytes: [3, 4, 5] },
      { offset: 8, bytes: [6, 7] },
    ]);
    expect(pieces[0]!.pulledWhenHandedOut, 'the second piece was read while the first was in the caller\'s hands').toBe(3);
  });

  it('ends with an empty piece when the source is shorter than the size, and reads nothing after a caller stops', async () => {
    const short: number[][] = [];
    for await (const piece of piecesAhead(new ChunkReader(iterateStream(streamOf([1, 2, 3]))), 0, 6, 2)) short.push([piece.offset, piece.bytes.length]);
    expect(short).toEqual([[0, 2], [2, 1], [3, 0]]);
    const reader = new ChunkReader(iterateStream(streamOf([1, 2], [3, 4], [5, 6])));
    for await (const piece of piecesAhead(reader, 0, 6, 2)) if (piece.offset === 0) break;
    expect(reader.position, 'the piece read ahead is the only one past the first').toBe(4);
  });
});

describe('contentFromResponse', () => {
  it('a 206 starts where the range says and knows the whole size', () => {
    const response = new Response(streamOf([9]), { status: 206, headers: { 'content-range': 'bytes 100-100/101', 'content-type': 'video/mp4' } });
    const content = contentFromResponse(response, 100, 'Test');
    expect(content).toMatchObject({ offset: 100, size: 101, contentType: 'video/mp4' });
  });

  it('a 200 to a range request starts at 0', () => {
    const response = new Response(streamOf([1, 2]), { status: 200, headers: { 'content-length': '2' } });
    expect(contentFromResponse(response, 1, 'Test')).toMatchObject({ offset: 0, size: 2 });
  });
});

describe('reopeningContent', () => {
  const bytes = Uint8Array.from({ length: 100 }, (_, i) => i);
  /** A body that gives `upTo` bytes from `from`, in parts of 10, then breaks as a dropped connection does. */
  const breaking = (from: number, upTo: number) => {
    let at = from;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= upTo) {
          if (upTo >= bytes.length) controller.close();
          else controller.error(new TypeError('network error'));
          return;
        }
        controller.enqueue(bytes.slice(at, Math.min(at + 10, upTo)));
        at = Math.min(at + 10, upTo);
      },
    });
  };
  const readAll = async (content: { body: ReadableStream<Uint8Array> }) => {
    const out: number[] = [];
    for await (const chunk of iterateStream(content.body)) out.push(...chunk);
    return out;
  };

  it('reopens a broken body at the byte reached, with a Range, and hands on every byte once', async () => {
    const opened: number[] = [];
    const content = await reopeningContent(async (from) => {
      opened.push(from);
      return { body: breaking(from, Math.min(from + 35, bytes.length)), offset: from, size: bytes.length };
    }, 0, 'clip.mp4');
    expect(await readAll(content)).toEqual([...bytes]);
    expect(opened).toEqual([0, 35, 70]);
  });

  it('fails with a retry when the source answers the reopening from byte 0', async () => {
    const content = await reopeningContent(async () => ({ body: breaking(0, 30), offset: 0, size: bytes.length }), 0, 'clip.mp4');
    const error = await readAll(content).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterError);
    expect((error as AdapterError).errorClass).toBe('retry');
    expect((error as AdapterError).message).toBe('The download of “clip.mp4” broke off at byte 30 (network error) and the source cannot send it from there; Ferry will try again.');
  });

  it('gives up after a bounded number of reopenings', async () => {
    let opens = 0;
    const content = await reopeningContent(async (from) => {
      opens += 1;
      return { body: breaking(from, from + 1), offset: from, size: bytes.length };
    }, 0, 'clip.mp4', 3);
    const error = await readAll(content).catch((e: unknown) => e);
    expect((error as AdapterError).message).toContain('broke off 3 times already');
    expect(opens).toBe(4);
  });
});

describe('readBoundedContent', () => {
  it('gives the bytes of content within the bound and nothing for content past it, size known or not', async () => {
    const body = () => streamOf([1, 2, 3], [4, 5]);
    expect([...((await readBoundedContent({ body: body(), offset: 0 }, 5)) ?? [])]).toEqual([1, 2, 3, 4, 5]);
    expect(await readBoundedContent({ body: body(), offset: 0 }, 4)).toBeUndefined();
    expect(await readBoundedContent({ body: body(), offset: 0, size: 5 }, 4)).toBeUndefined();
  });
});

describe('reopeningContent over a real connection', () => {
  it('a download whose connection drops mid-body goes on with a Range request from the byte reached', async () => {
    const file = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 7) % 251);
    const ranges: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      ranges.push(req.headers.range);
      const from = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
      const headers = { 'content-type': 'video/mp4', 'content-length': String(file.length - from) };
      if (from > 0) res.writeHead(206, { ...headers, 'content-range': `bytes ${from}-${file.length - 1}/${file.length}` });
      else res.writeHead(200, headers);
      if (ranges.length === 1) {
        // The first answer breaks off a third of the way in.
        res.write(file.subarray(0, 300_000), () => res.destroy());
        return;
      }
      res.end(file.subarray(from));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const open = async (from: number) => {
        const response = await fetch(`http://127.0.0.1:${port}/clip.mp4`, { headers: from > 0 ? { range: `bytes=${from}-` } : {} });
        return contentFromResponse(response, from, 'Test');
      };
      const content = await reopeningContent(open, 0, 'clip.mp4');
      const reader = new ChunkReader(iterateStream(content.body));
      const all = await reader.read(file.length + 1);
      expect(all.length).toBe(file.length);
      expect(Buffer.from(all).equals(Buffer.from(file))).toBe(true);
      expect(ranges[0]).toBeUndefined();
      expect(ranges.length).toBe(2);
      expect(Number(/^bytes=(\d+)-$/.exec(ranges[1] ?? '')?.[1])).toBeGreaterThan(0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
