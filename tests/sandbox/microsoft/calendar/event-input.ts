/**
 * A create or update body for an event: checked against the CSDL (validate-structure.ts), then against
 * the rules Exchange applies to calendar items (zones, all-day times, recurrence, extended properties).
 */
import { ALICE } from '../account';
import { badRequest, GraphError } from '../graph/errors';
import { normalizeRecurrence } from './recurrence';
import type { EventProps, EventTime, ExtendedProperty } from './store';
import { ianaZone, isMidnight, parseWall, wallDiffMs, wallToUtcMs } from './time';
import { validateStructure } from './validate-structure';

export interface EventInput {
  props: Partial<EventProps>;
  /** The recurrence as the client sent it; normalized once the start zone is known. */
  recurrence?: Record<string, unknown> | null;
  extendedProperties?: ExtendedProperty[];
  transactionId?: string;
}

const NO_TIME = '0001-01-01T00:00:00Z';
const DAY_MS = 24 * 60 * 60 * 1000;
const EXTENDED_PROPERTY_ID =
  /^(String|Integer|Boolean|SystemTime|Binary|Currency|Double|Float|Long|Short|CLSID|Object|ApplicationTime)\s+(\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}\s+(Name\s+\S.*|Id\s+0x[0-9a-f]{1,8})|0x[0-9a-f]{1,4})$/i;

const invalid = (message: string) => badRequest('ErrorInvalidRequest', `Your request can't be completed. ${message}`);

const readTime = (value: unknown, name: 'start' | 'end'): EventTime => {
  const v = value as { dateTime: string; timeZone?: string | null };
  const wall = parseWall(v.dateTime);
  if (!wall) {
    throw invalid(`${name}.dateTime '${v.dateTime}' must be a local date and time without offset, as {date}T{time} (e.g. 2024-05-01T09:00:00); the zone goes in ${name}.timeZone.`);
  }
  const timeZone = v.timeZone ?? 'UTC';
  if (!ianaZone(timeZone)) {
    throw new GraphError(400, 'TimeZoneNotSupportedException', `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${timeZone}'.`);
  }
  return { dateTime: wall, timeZone };
};

const emailAddress = (value: unknown) => {
  const v = (value ?? {}) as { name?: string | null; address?: string | null };
  return { name: v.name ?? v.address ?? '', address: v.address ?? '' };
};

const location = (value: unknown): Record<string, unknown> => ({
  displayName: '',
  locationType: 'default',
  uniqueIdType: 'unknown',
  address: {},
  coordinates: {},
  ...((value ?? {}) as Record<string, unknown>),
});

/**
 * Attendee responses are the attendees' to give: Exchange starts every attendee at `none` whatever the
 * organizer sends (https://learn.microsoft.com/graph/api/resources/attendee).
 */
const attendee = (value: unknown): Record<string, unknown> => {
  const v = value as { type?: string | null; emailAddress?: unknown };
  return { type: v.type ?? 'required', status: { response: 'none', time: NO_TIME }, emailAddress: emailAddress(v.emailAddress) };
};

const extendedProperties = (value: unknown): ExtendedProperty[] =>
  ((value ?? []) as { id?: string; value?: string | null }[]).map((p) => {
    if (typeof p.id !== 'string' || !EXTENDED_PROPERTY_ID.test(p.id.trim())) {
      throw badRequest('ErrorInvalidProperty', `The extended property id '${String(p.id)}' is not valid; use '{type} {guid} Name {name}', '{type} {guid} Id {id}' or '{type} {proptag}'.`);
    }
    if (typeof p.value !== 'string') throw badRequest('ErrorInvalidProperty', `The extended property '${p.id}' needs a string value.`);
    return { id: p.id.trim(), value: p.value };
  });

const SIMPLE: (keyof EventProps)[] = [
  'isAllDay', 'showAs', 'sensitivity', 'importance', 'isReminderOn', 'reminderMinutesBeforeStart', 'responseRequested',
  'allowNewTimeProposals', 'isOnlineMeeting', 'onlineMeetingProvider', 'hideAttendees',
];

export const readEventInput = (body: unknown): EventInput => {
  const v = validateStructure(body, 'graph.event');
  const props: Partial<EventProps> = {};
  const set = <K extends keyof EventProps>(key: K, value: EventProps[K]) => {
    props[key] = value;
  };
  if ('subject' in v) set('subject', (v.subject as string | null) ?? '');
  if ('body' in v) {
    const b = (v.body ?? {}) as { contentType?: 'text' | 'html' | null; content?: string | null };
    set('body', { contentType: b.contentType ?? 'text', content: b.content ?? '' });
  }
  if (v.start !== undefined && v.start !== null) set('start', readTime(v.start, 'start'));
  if (v.end !== undefined && v.end !== null) set('end', readTime(v.end, 'end'));
  for (const key of SIMPLE) if (v[key] !== undefined && v[key] !== null) set(key, v[key] as never);
  if ('categories' in v) set('categories', (v.categories as string[] | null) ?? []);
  if ('attendees' in v) set('attendees', ((v.attendees as unknown[] | null) ?? []).map(attendee));
  if ('organizer' in v) set('organizer', { emailAddress: emailAddress((v.organizer as { emailAddress?: unknown } | null)?.emailAddress) });
  if ('location' in v) set('location', location(v.location));
  if ('locations' in v) set('locations', ((v.locations as unknown[] | null) ?? []).map(location));
  return {
    props,
    ...('recurrence' in v && { recurrence: v.recurrence as Record<string, unknown> | null }),
    ...('singleValueExtendedProperties' in v && { extendedProperties: extendedProperties(v.singleValueExtendedProperties) }),
    ...(typeof v.transactionId === 'string' && { transactionId: v.transactionId }),
  };
};

export const defaultProps = (start: EventTime, end: EventTime, isAllDay: boolean): EventProps => ({
  subject: '',
  body: { contentType: 'html', content: '' },
  start,
  end,
  isAllDay,
  recurrence: null,
  attendees: [],
  organizer: { emailAddress: { name: ALICE.displayName, address: ALICE.mail } },
  location: location(undefined),
  locations: [],
  // Outlook shows all-day events as free unless told otherwise.
  showAs: isAllDay ? 'free' : 'busy',
  sensitivity: 'normal',
  importance: 'normal',
  isReminderOn: true,
  reminderMinutesBeforeStart: 15,
  categories: [],
  responseRequested: true,
  allowNewTimeProposals: true,
  isOnlineMeeting: false,
  onlineMeetingProvider: 'unknown',
  hideAttendees: false,
  isCancelled: false,
});

/** The event's props after a create or an update, checked as a whole. */
export const applyEventInput = (base: EventProps | undefined, input: EventInput, kind: 'series' | 'exception'): EventProps => {
  const start = input.props.start ?? base?.start;
  const end = input.props.end ?? base?.end;
  if (!start || !end) throw invalid('An event needs both start and end (dateTimeTimeZone values).');
  const isAllDay = input.props.isAllDay ?? base?.isAllDay ?? false;
  const merged: EventProps = { ...(base ?? defaultProps(start, end, isAllDay)), ...input.props, start, end, isAllDay };
  correspondLocations(merged, input.props);
  if (input.recurrence !== undefined) {
    if (kind === 'exception' && input.recurrence !== null) throw invalid('An occurrence or exception of a series cannot have its own recurrence.');
    merged.recurrence = input.recurrence === null ? null : normalizeRecurrence(input.recurrence, start.timeZone);
  }
  checkTimes(merged);
  return merged;
};

/**
 * "The location and locations properties always correspond with each other. If you update the location
 * property, any prior locations in the locations collection would be removed and replaced by the new
 * location value." (event resource)
 */
const correspondLocations = (merged: EventProps, change: Partial<EventProps>): void => {
  if (change.location && !change.locations) merged.locations = change.location.displayName ? [change.location] : [];
  else if (change.locations && !change.location) merged.location = change.locations[0] ?? location(undefined);
};

const checkTimes = (p: EventProps): void => {
  const startMs = wallToUtcMs(p.start.dateTime, ianaZone(p.start.timeZone) as string);
  const endMs = wallToUtcMs(p.end.dateTime, ianaZone(p.end.timeZone) as string);
  if (endMs < startMs) {
    throw badRequest('ErrorCalendarEndDateIsEarlierThanStartDate', 'The end date of the event is earlier than its start date.');
  }
  if (!p.isAllDay) return;
  if (p.start.timeZone !== p.end.timeZone) {
    throw invalid('When isAllDay is true, start and end must be in the same time zone.');
  }
  if (!isMidnight(p.start.dateTime) || !isMidnight(p.end.dateTime)) {
    throw invalid('When isAllDay is true, start and end must be set to midnight (T00:00:00).');
  }
  const span = wallDiffMs(p.end.dateTime, p.start.dateTime);
  if (span < DAY_MS || span % DAY_MS !== 0) {
    throw invalid('The duration of an event marked as All day must be at least 24 hours, in whole days.');
  }
};
