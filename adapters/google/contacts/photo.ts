/**
 * Contact photos at Google: read from the photo's URL (a googleusercontent.com address the Person names),
 * written with people.updateContactPhoto, which takes the whole image base64-encoded in JSON
 * (https://developers.google.com/people/api/rest/v1/people/updateContactPhoto).
 */
import { AdapterError, type AdapterContext, type ContentStream } from '../../../model/adapter';
import type { Contact } from '../../../model/contact';
import { sendRequest } from '../../http';
import { googleError } from '../client';
import { PEOPLE_API } from './people';

/** Larger photos are not read whole into memory; Google scales contact photos down anyway. */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

export async function openGooglePhoto(ctx: AdapterContext, contact: Contact, from = 0): Promise<ContentStream> {
  const url = contact.photo?.sourceUrl;
  if (!url) throw new AdapterError('This contact has no photo at Google.', 'skip');
  const fetcher = ctx.anonymousFetch ? { ...ctx, fetch: ctx.anonymousFetch } : ctx;
  const response = await sendRequest(fetcher, 'Google', ctx.url(url), { method: 'GET', headers: from > 0 ? { range: `bytes=${from}-` } : {} });
  if (!response.ok || !response.body) throw googleError(response.status, await response.text(), response.headers.get('retry-after'), Date.now(), PEOPLE_API);
  const length = Number(response.headers.get('content-length') ?? NaN);
  const offset = response.status === 206 ? from : 0;
  const stream: ContentStream = { body: response.body, offset, contentType: response.headers.get('content-type') ?? contact.photo?.contentType ?? 'image/jpeg' };
  if (Number.isFinite(length)) stream.size = offset + length;
  return stream;
}
