/**
 * Small media (contact photos, single messages) held whole: read from a ContentStream up to a bound, so an
 * unexpectedly large file is refused rather than held in memory, or handed out as one.
 */
import type { ContentStream } from '../model/adapter';
import { ChunkReader, iterateStream } from '../model/byte-stream';

/** The content's bytes, or undefined when it holds more than `limit` bytes (read no further than one byte past it). */
export async function readBoundedContent(content: ContentStream, limit: number): Promise<Uint8Array | undefined> {
  if (content.size !== undefined && content.size - content.offset > limit) {
    await content.body.cancel();
    return undefined;
  }
  const reader = new ChunkReader(iterateStream(content.body));
  try {
    const bytes = await reader.read(limit + 1);
    return bytes.length > limit ? undefined : bytes;
  } finally {
    await reader.close();
  }
}

export function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Bytes already held whole, handed out as content from `from` on. */
export function bytesContent(bytes: Uint8Array, from: number, contentType: string): ContentStream {
  const offset = Math.min(from, bytes.length);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes.subarray(offset));
      controller.close();
    },
  });
  return { body, size: bytes.length, offset, contentType };
}
