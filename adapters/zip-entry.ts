/**
 * One file inside a chosen zip, streamed: as an exporter's ContentStream (photo and video bytes, from any byte
 * offset: a compressed entry cannot be entered midway, so the bytes before `from` are read and dropped) or as
 * text for the small JSON, ICS and vCard files an export describes itself in.
 */
import { AdapterError, type ContentStream } from '../model/adapter';
import { mediaTypeOf } from '../model/media-sidecar';
import type { ArchiveEntry } from './zip-archive';

/** Largest descriptive file (JSON, ICS, vCard) read whole; a larger one is not what the export writes. */
export const MAX_TEXT_BYTES = 256 * 1024 * 1024;

function damaged(file: ArchiveEntry, error: unknown): AdapterError {
  const detail = error instanceof Error ? error.message : String(error);
  return new AdapterError(`${file.path} in ${file.part} is damaged and cannot be read (${detail}); download ${file.part} again and start over.`, 'skip');
}

/** The entry's bytes as a stream whose errors say which file in which zip is damaged. */
export function entryStream(file: ArchiveEntry, from = 0): ReadableStream<Uint8Array> {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  // The CRC-32 is checked so that a damaged stored (uncompressed) photo is caught too; a failure shows at the
  // reader below, the promise only repeats it.
  file.entry.getData(writable, { checkCrc32: true }).catch(() => undefined);
  const reader = readable.getReader();
  let toSkip = from;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return controller.close();
          if (toSkip >= value.length) {
            toSkip -= value.length;
            continue;
          }
          controller.enqueue(toSkip ? value.subarray(toSkip) : value);
          toSkip = 0;
          return;
        }
      } catch (error) {
        controller.error(damaged(file, error));
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

export function entryContent(file: ArchiveEntry, from = 0): ContentStream {
  const offset = Math.min(from, file.size);
  const content: ContentStream = { body: entryStream(file, offset), size: file.size, offset };
  const type = mediaTypeOf(file.path);
  if (type) content.contentType = type;
  return content;
}

export async function entryBytes(file: ArchiveEntry): Promise<Uint8Array> {
  if (file.size > MAX_TEXT_BYTES) throw new AdapterError(`${file.path} in ${file.part} is ${file.size} bytes, far larger than such a file is; Ferry does not read it.`, 'fatal');
  const bytes = new Uint8Array(file.size);
  let at = 0;
  try {
    for await (const chunk of entryStream(file) as unknown as AsyncIterable<Uint8Array>) {
      if (at + chunk.length > bytes.length) throw damaged(file, new Error('it holds more bytes than its zip says'));
      bytes.set(chunk, at);
      at += chunk.length;
    }
  } catch (error) {
    // What describes the export is needed whole before anything moves: a damaged one stops the transfer.
    if (error instanceof AdapterError) throw new AdapterError(error.message, 'fatal');
    throw error;
  }
  return at === bytes.length ? bytes : bytes.subarray(0, at);
}

export const entryText = async (file: ArchiveEntry): Promise<string> => new TextDecoder().decode(await entryBytes(file));

/** A JSON file of the export, parsed; one that is not JSON is named with what the parser said. */
export async function entryJson(file: ArchiveEntry): Promise<unknown> {
  const text = await entryText(file);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AdapterError(`${file.path} in ${file.part} is not valid JSON (${(error as Error).message}); download ${file.part} again.`, 'fatal');
  }
}
