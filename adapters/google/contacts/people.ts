/**
 * The People API's HTTP side for contacts: Google's JSON requests (client.ts) with the errors the People
 * API gives its own meaning. Mutations for one user must be sent one after another
 * (https://developers.google.com/people/api/rest/v1/people/batchCreateContacts); one that overlaps another
 * is refused with 409 ABORTED, which is passing, not a refusal of the contact.
 */
import { AdapterError, type AdapterContext } from '../../../model/adapter';
import { googleRequest, type HttpMethod } from '../client';

export const PEOPLE_API = 'https://people.googleapis.com/v1';

function contactsError(error: AdapterError): AdapterError {
  const { status, providerMessage } = error.details;
  if (status === 409) {
    return new AdapterError(`Google was busy with another change to your contacts (${providerMessage ?? 'ABORTED'}); Ferry will try again.`, 'retry', error.details);
  }
  return error;
}

export async function peopleRequest<T>(ctx: AdapterContext, method: HttpMethod, realUrl: string, body?: unknown): Promise<T> {
  try {
    return await googleRequest<T>(ctx, method, realUrl, body);
  } catch (error) {
    throw error instanceof AdapterError ? contactsError(error) : error;
  }
}
