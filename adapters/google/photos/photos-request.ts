/**
 * Requests to the Photos APIs through the Google client, with refusals worded for photos (the client's own
 * words name calendars).
 */
import { AdapterError, type AdapterContext } from '../../../model/adapter';
import { googleRequest, type HttpMethod } from '../client';

export const PICKER_API = 'https://photospicker.googleapis.com/v1';
export const LIBRARY_API = 'https://photoslibrary.googleapis.com/v1';

export function photosError(error: unknown): unknown {
  if (!(error instanceof AdapterError) || error.details.fatalReason !== 'forbidden') return error;
  return new AdapterError(
    `Google refused: Ferry was not given access to Google Photos (${error.details.providerMessage ?? 'insufficient scopes'}). Reconnect your Google account and allow Ferry to pick photos and add them to Google Photos when Google asks.`,
    'fatal',
    error.details,
  );
}

export async function photosRequest<T>(ctx: AdapterContext, method: HttpMethod, realUrl: string, body?: unknown): Promise<T> {
  try {
    return await googleRequest<T>(ctx, method, realUrl, body);
  } catch (error) {
    throw photosError(error);
  }
}
