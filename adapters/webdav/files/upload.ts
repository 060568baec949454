/**
 * A file's bytes in one PUT, the only upload every WebDAV server takes (Nextcloud's chunked uploads and Apache's
 * Content-Range PUTs are each one server's own). The body is the source's download stream itself (`duplex: 'half'`),
 * so nothing is held: that works wherever fetch can stream a request body (Node; a browser over HTTP/2, which
 * Nextcloud, Koofr and pCloud speak over HTTPS). A browser cannot stream a body over HTTP/1.1 and fails the request
 * at once; the server then still answers a small request, and Ferry switches, for the rest of the run, to a Blob
 * assembled from 8 MiB Blob parts: script memory holds one part at a time, and the browser's blob store keeps the
 * rest (moving it to disk past its memory limit), so even a large file goes in one PUT without filling memory.
 */
import { AdapterError, type AdapterContext, type ContentStream } from '../../../model/adapter';
import { ChunkReader, iterateStream } from '../../../model/byte-stream';
import { sendRequest } from '../../http';
import { PROVIDER, propfind } from '../client';

export type BodyMode = 'stream' | 'blob';
const BLOB_PART_BYTES = 8 * 1024 * 1024;

/** The content as one Blob built from bounded parts. */
async function blobOf(content: ContentStream): Promise<Blob> {
  const reader = new ChunkReader(iterateStream(content.body));
  const parts: Blob[] = [];
  try {
    for (;;) {
      const part = await reader.read(BLOB_PART_BYTES);
      if (part.length === 0) break;
      parts.push(new Blob([part]));
    }
  } finally {
    await reader.close();
  }
  return new Blob(parts);
}

export class DavUploader {
  constructor(
    private readonly ctx: AdapterContext,
    /** How bodies go; tests start in 'blob' to exercise what a browser does over HTTP/1.1. */
    public mode: BodyMode = 'stream',
  ) {}

  /** PUTs the bytes `open` gives to `url`; `probeUrl` (the parent folder) tells a refused stream from a lost server. */
  async put(url: string, headers: Record<string, string>, open: () => Promise<ContentStream>, probeUrl: string): Promise<Response> {
    if (this.mode === 'stream') {
      const content = await open();
      try {
        const init = { method: 'PUT', headers, body: content.body, duplex: 'half', signal: this.ctx.signal } as RequestInit;
        return await this.ctx.fetch(this.ctx.url(url), init);
      } catch (error) {
        if (error instanceof AdapterError || (error as Error).name === 'AbortError') throw error;
        await content.body.cancel().catch(() => undefined);
        if (!(await this.reachable(probeUrl))) throw new AdapterError(`Ferry could not reach ${PROVIDER} (${(error as Error).message}); Ferry will try again.`, 'retry');
        this.mode = 'blob';
      }
    }
    const body = await blobOf(await open());
    return sendRequest(this.ctx, PROVIDER, this.ctx.url(url), { method: 'PUT', headers, body });
  }

  private async reachable(url: string): Promise<boolean> {
    try {
      await propfind(this.ctx, url, 0);
      return true;
    } catch {
      return false;
    }
  }
}
