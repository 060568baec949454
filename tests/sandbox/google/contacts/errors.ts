/**
 * The People API's error body: google.rpc.Status as JSON, `{error: {code, message, status, details?}}`,
 * without the `errors` list older Google APIs add (https://cloud.google.com/apis/design/errors).
 */
import type { SandboxReply } from '../../core/types';
import { statusName } from '../errors';

export class PeopleError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly details: unknown[] = [],
    readonly headers: Record<string, string> = {},
    readonly status = statusName(code),
  ) {
    super(message);
  }

  reply(): SandboxReply {
    const error = { code: this.code, message: this.message, status: this.status, ...(this.details.length ? { details: this.details } : {}) };
    return { status: this.code, headers: this.headers, body: { error } };
  }
}

export const invalidArgument = (message: string): PeopleError => new PeopleError(400, message);
export const notFound = (what: string): PeopleError => new PeopleError(404, `Requested entity was not found. (${what})`);
export const aborted = (): PeopleError =>
  new PeopleError(409, 'The operation was aborted: another change to this user\u2019s contacts was in progress. Send mutate requests for the same user sequentially.', [], {}, 'ABORTED');
