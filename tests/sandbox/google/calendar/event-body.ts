/**
 * Turns an events.insert/import/update/patch body into the event Google stores: structural checks against
 * the discovery schema, then the rules the API enforces beyond it, then the defaults Google fills in.
 */
import { GOOGLE_ACCOUNT } from '../account';
import { badRequest, requiredField } from '../errors';
import type { Params } from './query-params';
import { conferenceFor } from './conference';
import { parseEventDateTime, renderTiming, type EventDateTime, type Timing } from './event-times';
import { validateRecurrence } from './recurrence';
import { htmlLinkFor, newEventId, type CalendarAccount, type CalendarRecord, type EventAttendee, type EventResource } from './store';
import { validateResource } from './validate-schema';

export type WriteMode = 'insert' | 'import' | 'update' | 'patch';

export interface WriteContext {
  account: CalendarAccount;
  calendar: CalendarRecord;
  mode: WriteMode;
  params: Params;
  existing?: EventResource;
}

type Body = Record<string, unknown>;

/** Fields a client may set on every write; the rest are read-only, set only on create, or need a flag. */
const WRITABLE = [
  'summary', 'description', 'location', 'colorId', 'endTimeUnspecified', 'transparency', 'visibility', 'source',
  'extendedProperties', 'guestsCanInviteOthers', 'guestsCanModify', 'guestsCanSeeOtherGuests', 'anyoneCanAddSelf',
  'gadget', 'privateCopy', 'focusTimeProperties', 'outOfOfficeProperties', 'workingLocationProperties', 'birthdayProperties',
] as const;

const TYPE_PROPERTIES = ['focusTimeProperties', 'outOfOfficeProperties', 'workingLocationProperties', 'birthdayProperties'] as const;

/** Event ids (discovery document, Event.id): base32hex characters, 5 to 1024 of them. */
export const EVENT_ID = /^[a-v0-9]{5,1024}$/;

export function parseEventBody(raw: unknown, ctx: WriteContext): Body {
  validateResource(raw, 'Event');
  const body = raw as Body;
  return ctx.mode === 'patch' && ctx.existing ? mergePatch(ctx.existing, body) : body;
}

export function buildEvent(body: Body, ctx: WriteContext): EventResource {
  const { account, calendar, mode, existing, params } = ctx;
  const zone = calendar.calendar.timeZone;
  const recurrence = (body.recurrence as string[] | null | undefined) ?? undefined;
  if (recurrence?.length && existing?.recurringEventId) throw badRequest('Recurrence cannot be set on an instance of a recurring event.');
  if (recurrence) validateRecurrence(recurrence);
  const recurring = (recurrence?.length ?? 0) > 0;
  const start = parseEventDateTime(body.start as EventDateTime | undefined, 'start', recurring);
  const end = parseEventDateTime(body.end as EventDateTime | undefined, 'end', recurring);
  checkRange(start, end);
  const id = existing?.id ?? createId(body);
  const eventType = eventTypeFor(body, ctx);
  const organizer = organizerFor(body, ctx);
  const now = account.timestamp();
  const event: EventResource = {
    kind: 'calendar#event',
    etag: account.etag(),
    id,
    status: (body.status as string | undefined) ?? 'confirmed',
    htmlLink: htmlLinkFor(id, calendar.calendar.id),
    created: existing?.created ?? now,
    updated: now,
    creator: existing?.creator ?? { email: GOOGLE_ACCOUNT.email, ...(calendar.list.primary ? { self: true } : {}) },
    organizer,
    start: renderTiming(start, zone),
    end: renderTiming(end, zone),
    iCalUID: existing?.iCalUID ?? (body.iCalUID as string | undefined) ?? `${id}@google.com`,
    sequence: sequenceFor(body, mode === 'update' || mode === 'patch' ? existing : undefined, existing),
    reminders: remindersFor(body.reminders as Body | null | undefined),
    eventType,
  };
  const fields: Record<string, unknown> = event;
  for (const key of WRITABLE) if (body[key] != null) fields[key] = body[key];
  if (mode === 'import') for (const key of TYPE_PROPERTIES) delete fields[key];
  if (recurring) event.recurrence = recurrence;
  if (existing?.recurringEventId) {
    event.recurringEventId = existing.recurringEventId;
    event.originalStartTime = existing.originalStartTime;
  } else if (mode === 'import' && body.originalStartTime != null) {
    event.originalStartTime = renderTiming(parseEventDateTime(body.originalStartTime as EventDateTime, 'originalStart', false), zone);
  }
  const attendees = attendeesFor(body.attendees as Body[] | null | undefined, organizer.email, ownerEmail(calendar));
  if (attendees.length > 0) event.attendees = attendees;
  checkEventRules(event);
  const conference = conferenceFor(body.conferenceData as Body | null | undefined, existing, params.conferenceDataVersion === 1);
  if (conference) Object.assign(event, conference);
  if (params.supportsAttachments === true && Array.isArray(body.attachments) && body.attachments.length > 0) event.attachments = body.attachments;
  else if (existing?.attachments) event.attachments = existing.attachments;
  return event;
}

const ownerEmail = (calendar: CalendarRecord): string => calendar.calendar.id;

function createId(body: Body): string {
  const id = body.id as string | undefined;
  if (id === undefined) return newEventId();
  if (!EVENT_ID.test(id)) throw badRequest('Invalid resource id value.');
  return id;
}

function checkRange(start: Timing, end: Timing): void {
  if (start.allDay !== end.allDay) throw badRequest('Start and end times must either both be date or both be dateTime.');
  const empty = start.allDay && end.allDay ? end.date <= start.date : !start.allDay && !end.allDay && end.ms < start.ms;
  if (empty) throw badRequest('The specified time range is empty.', 'timeRangeEmpty', 'calendar');
}

function eventTypeFor(body: Body, ctx: WriteContext): string {
  const requested = (body.eventType as string | undefined) ?? ctx.existing?.eventType ?? 'default';
  if (ctx.existing && body.eventType != null && body.eventType !== ctx.existing.eventType) throw badRequest('Event type cannot be changed.');
  if (ctx.mode === 'import') return 'default';
  if (!ctx.existing && requested === 'fromGmail') throw badRequest('Event type fromGmail cannot be created.', 'eventTypeRestriction', 'calendar');
  if (!ctx.existing && requested === 'birthday' && body.birthdayProperties == null) {
    throw requiredField('Missing birthdayProperties for a birthday event.');
  }
  return requested;
}

function organizerFor(body: Body, ctx: WriteContext): EventResource['organizer'] {
  const given = body.organizer as { email?: string; displayName?: string } | null | undefined;
  const own = ownerEmail(ctx.calendar);
  if (ctx.mode === 'import' && given?.email) {
    return { email: given.email, ...(given.displayName ? { displayName: given.displayName } : {}), ...(given.email === own ? { self: true } : {}) };
  }
  if (ctx.existing) return ctx.existing.organizer;
  return ctx.calendar.list.primary ? { email: own, self: true } : { email: own, displayName: ctx.calendar.calendar.summary, self: true };
}

/** `checked`: the event an update replaces, whose sequence a client may not lower (import may). */
function sequenceFor(body: Body, checked: EventResource | undefined, existing: EventResource | undefined): number {
  const given = body.sequence as number | undefined;
  if (given !== undefined && checked && given < checked.sequence) {
    throw badRequest('Invalid sequence value. The specified sequence number is below the current sequence number of the resource.');
  }
  return given ?? existing?.sequence ?? 0;
}

const MAX_OVERRIDES = 5;
const MAX_REMINDER_MINUTES = 40320;

function remindersFor(given: Body | null | undefined): EventResource['reminders'] {
  if (given == null) return { useDefault: true };
  const overrides = (given.overrides as { method?: string; minutes?: number }[] | null | undefined) ?? [];
  const useDefault = (given.useDefault as boolean | undefined) ?? false;
  if (useDefault && overrides.length > 0) {
    throw badRequest('Cannot specify both default reminders and overrides at the same time.', 'cannotUseDefaultRemindersAndSpecifyOverride', 'calendar');
  }
  if (overrides.length > MAX_OVERRIDES) throw badRequest(`The maximum number of override reminders is ${MAX_OVERRIDES}.`, 'tooManyReminders', 'calendar');
  for (const o of overrides) {
    if (o.method == null) throw requiredField('Missing reminder method.');
    if (o.minutes == null) throw requiredField('Missing reminder minutes.');
    if (o.minutes < 0 || o.minutes > MAX_REMINDER_MINUTES) throw badRequest(`Invalid reminder minutes value: ${o.minutes}. Valid values are between 0 and ${MAX_REMINDER_MINUTES}.`);
  }
  return overrides.length > 0 ? { useDefault, overrides: overrides.map((o) => ({ method: o.method as string, minutes: o.minutes as number })) } : { useDefault };
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function attendeesFor(given: Body[] | null | undefined, organizerEmail: string, owner: string): EventAttendee[] {
  return (given ?? []).map((a) => {
    const email = a.email as string | undefined;
    if (!email) throw requiredField('Missing attendee email.');
    if (!EMAIL.test(email)) throw badRequest(`Invalid attendee email: ${email}`);
    const same = (x: string): boolean => x.toLowerCase() === email.toLowerCase();
    return {
      email,
      ...(a.displayName != null ? { displayName: a.displayName as string } : {}),
      ...(same(organizerEmail) ? { organizer: true } : {}),
      ...(same(owner) ? { self: true } : {}),
      ...(a.resource === true ? { resource: true } : {}),
      ...(a.optional === true ? { optional: true } : {}),
      responseStatus: (a.responseStatus as string | undefined) ?? 'needsAction',
      ...(a.comment != null ? { comment: a.comment as string } : {}),
      ...(a.additionalGuests ? { additionalGuests: a.additionalGuests as number } : {}),
    };
  });
}

const EXTENDED_KEY_MAX = 44;
const EXTENDED_VALUE_MAX = 1024;
const EXTENDED_COUNT_MAX = 300;
const EVENT_COLOR_IDS = new Set(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);

/** Limits from the Calendar guides ("Extended properties", "Colors"). */
function checkEventRules(event: EventResource): void {
  if (event.colorId !== undefined && !EVENT_COLOR_IDS.has(event.colorId as string)) throw badRequest('Invalid color ID.');
  const ext = (event.extendedProperties ?? {}) as { private?: Record<string, string>; shared?: Record<string, string> };
  const entries = [...Object.entries(ext.private ?? {}), ...Object.entries(ext.shared ?? {})];
  if (entries.length > EXTENDED_COUNT_MAX) throw badRequest(`Too many extended properties: at most ${EXTENDED_COUNT_MAX}.`);
  for (const [key, value] of entries) {
    if (key.length > EXTENDED_KEY_MAX) throw badRequest(`Extended property key too long: "${key}" (at most ${EXTENDED_KEY_MAX} characters).`);
    if (value.length > EXTENDED_VALUE_MAX) throw badRequest(`Extended property value too long for key "${key}" (at most ${EXTENDED_VALUE_MAX} characters).`);
  }
  const source = event.source as { url?: string } | undefined;
  if (source?.url !== undefined && !/^https?:\/\//i.test(source.url)) throw badRequest('Invalid source URL: the scheme must be HTTP or HTTPS.');
}

/** Patch semantics: objects merge, arrays and scalars replace, null clears. */
function mergePatch(target: unknown, patch: unknown): Body {
  const base: Body = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Body) } : {};
  for (const [key, value] of Object.entries(patch as Body)) {
    if (value === null) delete base[key];
    else if (typeof value === 'object' && !Array.isArray(value)) base[key] = mergePatch(base[key], value);
    else base[key] = value;
  }
  return base;
}
