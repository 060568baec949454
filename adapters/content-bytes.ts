/**
 * Small media (contact photos) that an API takes whole in one request body: read from a ContentStream up
 * to a bound, so an unexpectedly large file is refused rather than held in memory.
 */
import type { ContentStream } from '../model/adapter';

/** The content's bytes, or undefined when it holds more than `limit` bytes (read no further than that). */
export async function readBoundedContent(content: ContentStream, limit: number): Promise<Uint8Array | undefined> {
  if (content.size !== undefined && content.size - content.offset > limit) {
    await content.body.cancel();
    return undefined;
  }
  const reader = content.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

export function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
