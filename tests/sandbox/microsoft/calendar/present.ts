/** Events and calendars in Graph's JSON, with `Prefer` time zone and body type applied. */
import { ALICE, sameAddress } from '../account';
import { applySelect, type QueryOptions } from '../graph/odata';
import { evaluateFilter } from '../graph/filter';
import { bodyAs, bodyPreview } from './body-format';
import { cancelledOccurrenceId, instanceICalUId, occurrenceId } from './ids';
import { endUtcMs, occurrenceProps, startUtcMs, type Occurrence } from './instances';
import type { EventProps, EventTime, StoredCalendar, StoredEvent } from './store';
import { graphDateTime, ianaZone, utcMsToWall } from './time';

export interface Preferences {
  /** The zone start/end are answered in: Graph's name as asked, and its IANA zone. */
  zone: { label: string; iana: string } | undefined;
  bodyType: 'text' | 'html';
}

const NO_TIME = '0001-01-01T00:00:00Z';

export const presentCalendar = (c: StoredCalendar): Record<string, unknown> => ({
  '@odata.etag': `W/"${c.changeKey}"`,
  id: c.id,
  name: c.name,
  color: c.color,
  hexColor: c.hexColor,
  isDefaultCalendar: c.isDefaultCalendar,
  changeKey: c.changeKey,
  canShare: true,
  canViewPrivateItems: true,
  canEdit: true,
  allowedOnlineMeetingProviders: ['teamsForBusiness'],
  defaultOnlineMeetingProvider: 'teamsForBusiness',
  isTallyingResponses: true,
  isRemovable: !c.isDefaultCalendar,
  owner: { name: ALICE.displayName, address: ALICE.mail },
});

/** All-day events keep their dates in every zone: Exchange stores them as floating days. */
const presentTime = (t: EventTime, ms: number, isAllDay: boolean, prefs: Preferences): EventTime => {
  const zone = prefs.zone ?? { label: 'UTC', iana: 'UTC' };
  const wall = isAllDay ? t.dateTime : utcMsToWall(ms, zone.iana);
  return { dateTime: graphDateTime(wall), timeZone: zone.label };
};

interface Shape {
  id: string;
  type: string;
  props: EventProps;
  stored: StoredEvent;
  seriesMasterId: string | null;
  iCalUId: string;
  originalStart?: string;
}

const presentShape = (s: Shape, prefs: Preferences): Record<string, unknown> => {
  const p = s.props;
  const isOrganizer = sameAddress(p.organizer.emailAddress.address, ALICE.mail);
  return {
    '@odata.etag': `W/"${s.stored.changeKey}"`,
    id: s.id,
    createdDateTime: s.stored.createdDateTime,
    lastModifiedDateTime: s.stored.lastModifiedDateTime,
    changeKey: s.stored.changeKey,
    categories: p.categories,
    ...(s.type !== 'occurrence' && s.stored.transactionId !== undefined && { transactionId: s.stored.transactionId }),
    originalStartTimeZone: p.start.timeZone,
    originalEndTimeZone: p.end.timeZone,
    iCalUId: s.iCalUId,
    reminderMinutesBeforeStart: p.reminderMinutesBeforeStart,
    isReminderOn: p.isReminderOn,
    hasAttachments: false,
    subject: p.subject,
    bodyPreview: bodyPreview(p.body),
    importance: p.importance,
    sensitivity: p.sensitivity,
    isAllDay: p.isAllDay,
    isCancelled: p.isCancelled,
    isOrganizer,
    responseRequested: p.responseRequested,
    seriesMasterId: s.seriesMasterId,
    showAs: p.showAs,
    type: s.type,
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(s.id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: p.isOnlineMeeting,
    onlineMeetingProvider: p.onlineMeetingProvider,
    allowNewTimeProposals: p.allowNewTimeProposals,
    isDraft: false,
    hideAttendees: p.hideAttendees,
    ...(s.originalStart !== undefined && { originalStart: s.originalStart }),
    responseStatus: { response: isOrganizer ? 'organizer' : 'none', time: NO_TIME },
    body: bodyAs(p.body, prefs.bodyType),
    start: presentTime(p.start, startUtcMs(p), p.isAllDay, prefs),
    end: presentTime(p.end, endUtcMs(p), p.isAllDay, prefs),
    location: p.location,
    locations: p.locations,
    recurrence: p.recurrence,
    attendees: p.attendees,
    organizer: p.organizer,
    onlineMeeting: p.isOnlineMeeting ? { joinUrl: `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(s.stored.id)}` } : null,
  };
};

export const shapeOfStored = (e: StoredEvent): Shape => ({
  id: e.id,
  type: e.type,
  props: e.props,
  stored: e,
  seriesMasterId: e.seriesMasterId ?? null,
  iCalUId: e.iCalUId,
  ...(e.originalStartUtc !== undefined && { originalStart: e.originalStartUtc }),
});

export const shapeOfOccurrence = (o: Occurrence): Shape => ({
  id: occurrenceId(o.master.id, o.originalStartUtc),
  type: 'occurrence',
  props: occurrenceProps(o.master, o.originalStartWall),
  stored: o.master,
  seriesMasterId: o.master.id,
  iCalUId: instanceICalUId(o.master.iCalUId, o.originalStartWall.slice(0, 10)),
  originalStart: o.originalStartUtc,
});

/** What `$filter` and `$orderby` see of an event: its properties, times in UTC, its extended properties. */
export const filterView = (s: Shape): Record<string, unknown> => ({
  ...presentShape(s, { zone: undefined, bodyType: 'html' }),
  singleValueExtendedProperties: s.stored.extendedProperties,
});

export interface PresentContext {
  prefs: Preferences;
  options?: Pick<QueryOptions, 'select' | 'expand'>;
  /** Exceptions of a series master, for `$expand=exceptionOccurrences`. */
  exceptionsOf?: (masterId: string) => StoredEvent[];
  /**
   * A GET naming the series master's id: only then does Graph return cancelledOccurrences ($select) and
   * exceptionOccurrences ($expand) — "Returned only on $select in a Get operation which specifies the ID
   * (seriesMasterId property value) of a series master event" (event resource). Lists leave them out.
   */
  masterById?: boolean;
}

export const presentEvent = (s: Shape, ctx: PresentContext): Record<string, unknown> => {
  const full = presentShape(s, ctx.prefs);
  const selected = applySelect(full, ctx.options?.select);
  const seriesById = ctx.masterById === true && s.type === 'seriesMaster';
  if (seriesById && ctx.options?.select?.includes('cancelledOccurrences')) {
    selected.cancelledOccurrences = s.stored.cancelled.map((wall) => cancelledOccurrenceId(s.stored.id, wall.slice(0, 10)));
  }
  for (const expand of ctx.options?.expand ?? []) {
    if (expand.property === 'singleValueExtendedProperties') {
      const matching = s.type === 'occurrence' ? [] : s.stored.extendedProperties.filter((p) => !expand.filter || evaluateFilter(expand.filter, p));
      if (matching.length) selected.singleValueExtendedProperties = matching.map((p) => ({ id: p.id, value: p.value }));
    }
    if (expand.property === 'exceptionOccurrences' && seriesById) {
      selected.exceptionOccurrences = (ctx.exceptionsOf?.(s.id) ?? []).map((e) => presentEvent(shapeOfStored(e), { prefs: ctx.prefs }));
    }
  }
  return selected;
};

export const parsePreferences = (header: string | undefined): { prefs: Preferences; applied: string[] } => {
  const applied: string[] = [];
  const zoneName = /outlook\.timezone\s*=\s*"([^"]+)"|outlook\.timezone\s*=\s*([^,;\s]+)/i.exec(header ?? '');
  const label = zoneName?.[1] ?? zoneName?.[2];
  const iana = label !== undefined ? ianaZone(label) : undefined;
  if (label !== undefined && iana) applied.push(`outlook.timezone="${label}"`);
  const body = /outlook\.body-content-type\s*=\s*"?(text|html)"?/i.exec(header ?? '');
  const bodyType = (body?.[1]?.toLowerCase() ?? 'html') as 'text' | 'html';
  if (body) applied.push(`outlook.body-content-type="${bodyType}"`);
  return { prefs: { zone: label !== undefined && iana ? { label, iana } : undefined, bodyType }, applied };
};
