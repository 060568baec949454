/** The shape of every request a page may send, checked field by field before any handler sees it. */
import type { ProviderId } from '../../../model/adapter';
import { DATA_TYPES } from '../../../model/data-types';
import { CHOSEN_TOKEN } from '../local-files/chosen-files';
import type { Request, RequestType } from '../messages';

interface FieldCheck {
  /** What the field must be, for the error. */
  expected: string;
  test(value: unknown, providers: readonly ProviderId[]): boolean;
}

/** Job ids are the engine's own (UUIDs); anything else cannot name a job. */
const JOB_ID = /^[A-Za-z0-9_-]{1,64}$/;

const provider: FieldCheck = {
  expected: 'a known provider id',
  test: (value, providers) => typeof value === 'string' && providers.includes(value),
};
const dataTypes: FieldCheck = {
  expected: `a list of distinct data types (${DATA_TYPES.join(', ')})`,
  test: (value) =>
    Array.isArray(value) &&
    value.length > 0 &&
    value.length <= DATA_TYPES.length &&
    new Set(value).size === value.length &&
    value.every((type) => (DATA_TYPES as readonly unknown[]).includes(type)),
};
const role: FieldCheck = {
  expected: '"source" or "destination"',
  test: (value) => value === 'source' || value === 'destination',
};
/** Generous for any real address or password, small enough that nothing else rides along. */
const MAX_CREDENTIAL_LENGTH = 2048;
const credentials: FieldCheck = {
  expected: 'absent, or an object of serverUrl, username and password (strings)',
  test: (value) => {
    if (value === undefined) return true;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const fields = value as Record<string, unknown>;
    const names = ['serverUrl', 'username', 'password'];
    return (
      Object.keys(fields).every((key) => names.includes(key)) &&
      names.every((name) => typeof fields[name] === 'string' && (fields[name] as string).length <= MAX_CREDENTIAL_LENGTH)
    );
  },
};
const chosen: FieldCheck = {
  expected: 'absent, or the UUID naming the files the page copied',
  test: (value) => value === undefined || (typeof value === 'string' && CHOSEN_TOKEN.test(value)),
};
const jobId: FieldCheck = {
  expected: 'a job id',
  test: (value) => typeof value === 'string' && JOB_ID.test(value),
};

const SCHEMAS: { [T in RequestType]: Record<Exclude<keyof Extract<Request, { type: T }>, 'type'>, FieldCheck> } = {
  'providers/list': {},
  'connections/list': {},
  connect: { provider, role, dataTypes, credentials, chosen },
  disconnect: { provider },
  'job/start': { source: provider, destination: provider, dataTypes },
  'job/pause': { jobId },
  'job/resume': { jobId },
  'job/cancel': { jobId },
  'job/retry-failed': { jobId },
  'job/forget': { jobId },
  'jobs/list': {},
  'job/get': { jobId },
  'engine/metrics': {},
};

export function isRequestType(type: unknown): type is RequestType {
  return typeof type === 'string' && Object.hasOwn(SCHEMAS, type);
}

/** Why `message` is not a valid request of its type (undefined when it is): missing, extra or malformed fields. */
export function schemaProblem(
  type: RequestType,
  message: Record<string, unknown>,
  providers: readonly ProviderId[],
): string | undefined {
  const fields: Record<string, FieldCheck> = SCHEMAS[type];
  const extra = Object.keys(message).find((key) => key !== 'type' && !Object.hasOwn(fields, key));
  if (extra !== undefined) return `"${type}" takes no field "${extra}"`;
  for (const [name, check] of Object.entries(fields)) {
    if (!check.test(message[name], providers)) return `"${type}" needs ${name} to be ${check.expected}`;
  }
  return undefined;
}
