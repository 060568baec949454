/**
 * The CalDAV adapter against real servers started by this test (Radicale, then Xandikos), through the
 * calendar conformance suite. The account is seeded and emptied with plain WebDAV requests.
 */
import { CalDavCalendarExporter } from '../../adapters/caldav/calendar/export';
import { caldav } from '../../adapters/caldav/descriptor';
import type { DataTypeSupport, ProviderDescriptor } from '../../model/adapter';
import type { CalendarEvent } from '../../model/calendar';
import { runCalendarConformance } from './calendar.suite';
import { DAV_SERVERS, openDavTarget, resetAccount, seedCalendarCollections } from './dav-target';

/** Small pages, so the paging case needs tens of events, not hundreds. */
const PAGE_SIZE = 20;

const calendar = caldav.dataTypes.calendar as DataTypeSupport;
const provider: ProviderDescriptor = {
  ...caldav,
  dataTypes: { calendar: { ...calendar, export: { create: (ctx) => new CalDavCalendarExporter(ctx, PAGE_SIZE) } } },
};

/**
 * An iCalendar resource cannot say "no reminders" apart from "the calendar's default reminders" (no VALARM
 * either way): both read as the default.
 */
const noRemindersIsDefault = (event: CalendarEvent): CalendarEvent => (event.reminders?.length === 0 ? { ...event, reminders: undefined } : event);

for (const server of DAV_SERVERS) {
  runCalendarConformance({
    name: `caldav (${server})`,
    provider,
    pageSize: PAGE_SIZE,
    normalize: noRemindersIsDefault,
    async open() {
      const target = await openDavTarget(server, caldav);
      return {
        ctx: target.ctx,
        seed: (calendars) => seedCalendarCollections(target.server, calendars),
        reset: () => resetAccount(target.server, 'calendar'),
        close: () => target.close(),
      };
    },
  });
}
