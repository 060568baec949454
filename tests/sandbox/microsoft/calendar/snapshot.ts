/**
 * The account as Graph JSON for tests: every calendar, and per calendar every stored event (single
 * instances, series masters with `cancelledOccurrences`, exceptions) with all properties, start/end in
 * their own zones, and extended properties.
 */
import { presentCalendar, presentEvent, shapeOfStored } from './present';
import type { CalendarStore } from './store';
import { cancelledOccurrenceId } from './ids';

export const snapshotOf = (store: CalendarStore) => ({
  calendars: [...store.calendars.values()].map(presentCalendar),
  events: Object.fromEntries(
    [...store.calendars.keys()].map((calendarId) => [
      calendarId,
      store.eventsIn(calendarId).map((e) => ({
        ...presentEvent(shapeOfStored(e), { prefs: { zone: undefined, bodyType: e.props.body.contentType } }),
        start: { dateTime: `${e.props.start.dateTime}.0000000`, timeZone: e.props.start.timeZone },
        end: { dateTime: `${e.props.end.dateTime}.0000000`, timeZone: e.props.end.timeZone },
        cancelledOccurrences: e.cancelled.map((wall) => cancelledOccurrenceId(e.id, wall.slice(0, 10))),
        singleValueExtendedProperties: e.extendedProperties.map((p) => ({ ...p })),
      })),
    ]),
  ),
});
