/**
 * The mailbox's calendars and events as Exchange keeps them: series masters, single instances and
 * exceptions are items; occurrences are computed from their master; a cancelled occurrence is a date
 * on its master.
 */
import type { GraphRecurrence } from './recurrence';
import type { Wall } from './time';
import { newChangeKey, newItemId } from './ids';

export interface StoredCalendar {
  id: string;
  name: string;
  color: string;
  hexColor: string;
  isDefaultCalendar: boolean;
  changeKey: string;
}

export interface EventTime {
  dateTime: Wall;
  timeZone: string;
}

export interface ExtendedProperty {
  id: string;
  value: string;
}

/** The client-settable properties, validated and with Graph's defaults. */
export interface EventProps {
  subject: string;
  body: { contentType: 'text' | 'html'; content: string };
  start: EventTime;
  end: EventTime;
  isAllDay: boolean;
  recurrence: GraphRecurrence | null;
  attendees: Record<string, unknown>[];
  organizer: { emailAddress: { name: string; address: string } };
  location: Record<string, unknown>;
  locations: Record<string, unknown>[];
  showAs: string;
  sensitivity: string;
  importance: string;
  isReminderOn: boolean;
  reminderMinutesBeforeStart: number;
  categories: string[];
  responseRequested: boolean;
  allowNewTimeProposals: boolean;
  isOnlineMeeting: boolean;
  onlineMeetingProvider: string;
  hideAttendees: boolean;
  isCancelled: boolean;
}

export interface StoredEvent {
  id: string;
  calendarId: string;
  type: 'singleInstance' | 'seriesMaster' | 'exception';
  props: EventProps;
  iCalUId: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  changeKey: string;
  transactionId?: string;
  extendedProperties: ExtendedProperty[];
  /** Series masters: original start wall times (in the master's start zone) of cancelled occurrences. */
  cancelled: Wall[];
  /** Exceptions: their master and their original start (UTC, as Graph's `originalStart`). */
  seriesMasterId?: string;
  originalStartUtc?: string;
}

const DEFAULT_CALENDAR_ID = 'AAMkAGI2TG93AAAuAAAAAAAiQ8W967B7TKBjgx9rVEURAQAiIsqMbYjsT5e-T7KzowPTAAAAAAEGAAA=';

export class CalendarStore {
  readonly calendars = new Map<string, StoredCalendar>();
  readonly events = new Map<string, StoredEvent>();
  /** transactionId → the event it created and the request's fingerprint. */
  readonly transactions = new Map<string, { eventId: string; fingerprint: string }>();

  constructor() {
    this.reset();
  }

  reset(): void {
    this.calendars.clear();
    this.events.clear();
    this.transactions.clear();
    this.calendars.set(DEFAULT_CALENDAR_ID, {
      id: DEFAULT_CALENDAR_ID,
      name: 'Calendar',
      color: 'auto',
      hexColor: '',
      isDefaultCalendar: true,
      changeKey: newChangeKey(),
    });
  }

  get defaultCalendar(): StoredCalendar {
    return [...this.calendars.values()].find((c) => c.isDefaultCalendar) as StoredCalendar;
  }

  addCalendar(name: string, color = 'auto', hexColor = ''): StoredCalendar {
    const calendar = { id: newItemId(), name, color, hexColor, isDefaultCalendar: false, changeKey: newChangeKey() };
    this.calendars.set(calendar.id, calendar);
    return calendar;
  }

  calendarByName(name: string): StoredCalendar | undefined {
    return [...this.calendars.values()].find((c) => c.name.toLowerCase() === name.toLowerCase());
  }

  deleteCalendar(id: string): void {
    this.calendars.delete(id);
    for (const event of [...this.events.values()]) if (event.calendarId === id) this.deleteEvent(event.id);
  }

  eventsIn(calendarId: string): StoredEvent[] {
    return [...this.events.values()].filter((e) => e.calendarId === calendarId);
  }

  exceptionsOf(masterId: string): StoredEvent[] {
    return [...this.events.values()].filter((e) => e.seriesMasterId === masterId);
  }

  deleteEvent(id: string): void {
    for (const exception of this.exceptionsOf(id)) this.events.delete(exception.id);
    this.events.delete(id);
    for (const [tx, record] of this.transactions) if (record.eventId === id) this.transactions.delete(tx);
  }

  touch(event: StoredEvent, nowIso: string): void {
    event.lastModifiedDateTime = nowIso;
    event.changeKey = newChangeKey();
  }
}

export const newEventShell = (
  calendarId: string,
  props: EventProps,
  nowIso: string,
  iCalUId: string,
): StoredEvent => ({
  id: newItemId(),
  calendarId,
  type: props.recurrence ? 'seriesMaster' : 'singleInstance',
  props,
  iCalUId,
  createdDateTime: nowIso,
  lastModifiedDateTime: nowIso,
  changeKey: newChangeKey(),
  extendedProperties: [],
  cancelled: [],
});
