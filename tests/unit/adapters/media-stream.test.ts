import { describe, expect, it } from 'vitest';
import { contentFromResponse } from '../../../adapters/media-stream';
import { ChunkReader, iterateStream } from '../../../model/byte-stream';

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
