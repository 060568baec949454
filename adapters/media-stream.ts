/**
 * A download answered to a Range request as a ContentStream (the chunked reading is model/byte-stream.ts's
 * ChunkReader). Used by every adapter that moves files.
 */
import { AdapterError, type ContentStream } from '../model/adapter';

/** The ContentStream of a download asked from byte `from` (206 honoured the range; 200 starts at 0). */
export function contentFromResponse(response: Response, from: number, provider: string): ContentStream {
  if (!response.body) throw new AdapterError(`${provider} sent no bytes for this file; Ferry will try again.`, 'retry');
  const range = /^bytes (\d+)-\d+\/(\d+)$/.exec(response.headers.get('content-range') ?? '');
  const length = Number(response.headers.get('content-length') ?? NaN);
  const contentType = response.headers.get('content-type') ?? undefined;
  const stream: ContentStream = { body: response.body, offset: response.status === 206 && range ? Number(range[1]) : 0 };
  const size = range ? Number(range[2]) : response.status === 200 && Number.isFinite(length) ? length : undefined;
  if (size !== undefined) stream.size = size;
  if (contentType) stream.contentType = contentType;
  if (from > 0 && stream.offset !== from && stream.offset !== 0) {
    throw new AdapterError(`${provider} answered from byte ${stream.offset} when byte ${from} was asked for; Ferry will try again.`, 'retry');
  }
  return stream;
}
