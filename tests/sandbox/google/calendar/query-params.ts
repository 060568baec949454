/**
 * Query parameters per method, from the discovery document: anything else is refused with Google's 400, and
 * each value is checked against its declared type, enum and minimum.
 */
import { badRequest } from '../errors';
import { parseTimestamp } from './event-times';

export interface ParamSpec {
  type: 'string' | 'integer' | 'boolean' | 'date-time';
  enum?: readonly string[];
  repeated?: boolean;
  minimum?: number;
  maximum?: number;
}

export type ParamSpecs = Readonly<Record<string, ParamSpec>>;

/** Parameters every method takes (discovery document, top-level `parameters`). */
const STANDARD: ParamSpecs = {
  alt: { type: 'string', enum: ['json'] },
  fields: { type: 'string' },
  key: { type: 'string' },
  oauth_token: { type: 'string' },
  access_token: { type: 'string' },
  prettyPrint: { type: 'boolean' },
  quotaUser: { type: 'string' },
  userIp: { type: 'string' },
};

export type ParamValue = string | number | boolean | string[];
export type Params = Record<string, ParamValue | undefined>;

export function readParams(query: URLSearchParams, specs: ParamSpecs): Params {
  const out: Params = {};
  for (const name of new Set(query.keys())) {
    const spec = specs[name] ?? STANDARD[name];
    if (!spec) {
      throw badRequest(
        `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${name}' could not be found in request message.`,
      );
    }
    const values = query.getAll(name).map((raw) => readOne(name, raw, spec));
    out[name] = spec.repeated ? values.map(String) : values[values.length - 1];
  }
  return out;
}

function readOne(name: string, raw: string, spec: ParamSpec): string | number | boolean {
  if (spec.enum && !spec.enum.includes(raw)) throw badRequest(`Invalid value at '${name}', "${raw}"`);
  switch (spec.type) {
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') throw badRequest(`Invalid value at '${name}' (TYPE_BOOL), "${raw}"`);
      return raw === 'true';
    case 'integer': {
      const n = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(n)) throw badRequest(`Invalid value at '${name}' (TYPE_INT32), "${raw}"`);
      if (spec.minimum !== undefined && n < spec.minimum) throw badRequest(`Invalid value '${raw}'. Values must be greater than or equal to ${spec.minimum}.`, 'invalid', 'global', name);
      if (spec.maximum !== undefined && n > spec.maximum) throw badRequest(`Invalid value '${raw}'. Values must be less than or equal to ${spec.maximum}.`, 'invalid', 'global', name);
      return n;
    }
    case 'date-time':
      if (parseTimestamp(raw) === undefined) throw badRequest('Bad Request', 'badRequest');
      return raw;
    default:
      return raw;
  }
}

const SEND_UPDATES = ['all', 'externalOnly', 'none'] as const;

const bool = { type: 'boolean' } as const;
const str = { type: 'string' } as const;
const int1 = { type: 'integer', minimum: 1 } as const;
const dateTime = { type: 'date-time' } as const;
const conferenceDataVersion = { type: 'integer', minimum: 0, maximum: 1 } as const;

export const PARAMS = {
  'calendarList.list': {
    maxResults: int1,
    minAccessRole: { type: 'string', enum: ['freeBusyReader', 'owner', 'reader', 'writer'] },
    pageToken: str,
    showDeleted: bool,
    showHidden: bool,
    syncToken: str,
  },
  'calendarList.get': {},
  'calendars.get': {},
  'calendars.insert': {},
  'calendars.update': {},
  'calendars.patch': {},
  'calendars.delete': {},
  'events.list': {
    alwaysIncludeEmail: bool,
    eventTypes: { type: 'string', repeated: true, enum: ['birthday', 'default', 'focusTime', 'fromGmail', 'outOfOffice', 'workingLocation'] },
    iCalUID: str,
    maxAttendees: int1,
    maxResults: int1,
    orderBy: { type: 'string', enum: ['startTime', 'updated'] },
    pageToken: str,
    privateExtendedProperty: { type: 'string', repeated: true },
    q: str,
    sharedExtendedProperty: { type: 'string', repeated: true },
    showDeleted: bool,
    showHiddenInvitations: bool,
    singleEvents: bool,
    syncToken: str,
    timeMax: dateTime,
    timeMin: dateTime,
    timeZone: str,
    updatedMin: dateTime,
  },
  'events.get': { alwaysIncludeEmail: bool, maxAttendees: int1, timeZone: str },
  'events.insert': {
    conferenceDataVersion,
    maxAttendees: int1,
    sendNotifications: bool,
    sendUpdates: { type: 'string', enum: SEND_UPDATES },
    supportsAttachments: bool,
  },
  'events.import': { conferenceDataVersion, supportsAttachments: bool },
  'events.update': {
    alwaysIncludeEmail: bool,
    conferenceDataVersion,
    maxAttendees: int1,
    sendNotifications: bool,
    sendUpdates: { type: 'string', enum: SEND_UPDATES },
    supportsAttachments: bool,
  },
  'events.delete': { sendNotifications: bool, sendUpdates: { type: 'string', enum: SEND_UPDATES } },
  'events.instances': {
    alwaysIncludeEmail: bool,
    maxAttendees: int1,
    maxResults: int1,
    originalStart: str,
    pageToken: str,
    showDeleted: bool,
    timeMax: dateTime,
    timeMin: dateTime,
    timeZone: str,
  },
} as const satisfies Record<string, ParamSpecs>;

export type MethodId = keyof typeof PARAMS | 'events.patch';
