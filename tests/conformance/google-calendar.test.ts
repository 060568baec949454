/**
 * The Google adapter against the Google sandbox, started in this process, through the calendar conformance
 * suite. The token is issued by the sandbox's token store with exactly the scopes the descriptor asks for,
 * so a call outside them fails here as it would at Google.
 */
import { GoogleCalendarExporter } from '../../adapters/google/calendar/export';
import { google } from '../../adapters/google/descriptor';
import type { DataTypeSupport, ProviderDescriptor } from '../../model/adapter';
import type { BusyStatus, CalendarEvent, EventTime } from '../../model/calendar';
import { GOOGLE_ACCOUNT } from '../sandbox/google/account';
import { createGoogleSandbox } from '../sandbox/google/index';
import type { CalendarAccount } from '../sandbox/google/calendar/store';
import { startSandbox } from '../sandbox/server';
import { zonedToUtc } from './calendar-compare';
import { runCalendarConformance, type SeedCalendar } from './calendar.suite';
import { sandboxContext, seedCalendars } from './sandbox-target';

/** Small pages, so the paging case needs hundreds of events, not thousands (the adapter asks for 2500). */
const PAGE_SIZE = 50;

const calendar = google.dataTypes.calendar as DataTypeSupport;
const provider: ProviderDescriptor = {
  ...google,
  dataTypes: { calendar: { ...calendar, export: { create: (ctx) => new GoogleCalendarExporter(ctx, PAGE_SIZE) } } },
};

/** Google keeps only busy or free: every other kind of busy is busy there (reported per item on import). */
const GOOGLE_BUSY: Partial<Record<BusyStatus, BusyStatus>> = { tentative: 'busy', oof: 'busy', 'working-elsewhere': 'busy' };

const asUtc = (time: EventTime): EventTime =>
  'date' in time || !time.timeZone ? time : { dateTime: zonedToUtc(time.dateTime, time.timeZone), timeZone: 'UTC' };

/**
 * Google may hold a single event as an instant without a zone name (its iCalendar import does so for UTC
 * times, as the sandbox's seeding does), and Ferry then names the calendar's zone: the same instant.
 * Series keep their zone at Google (it is required there), so they are still compared zone and all.
 */
function singleEventAsInstant(event: CalendarEvent): CalendarEvent {
  if (event.recurrence || event.recurrenceId) return event;
  return { ...event, start: asUtc(event.start), end: asUtc(event.end) };
}

/**
 * An iCalendar file cannot say "no reminders" apart from "the calendar's default reminders" (no VALARM
 * either way), so the archive seeds both as Google's default: events meant to have none are set so here.
 */
function keepNoReminders(store: CalendarAccount, calendars: readonly SeedCalendar[]): void {
  for (const calendar of calendars) {
    const record = calendar.isDefault ? store.resolve('primary') : [...store.calendars.values()].find((r) => r.calendar.summary === calendar.name);
    for (const event of calendar.events.filter((e) => e.reminders?.length === 0)) {
      if (event.recurrenceId) throw new Error(`Seeding "no reminders" on an overridden instance is not supported (${event.title})`);
      const stored = record && store.findByICalUID(record, event.uid);
      if (!stored) throw new Error(`Seeded event ${event.uid} not found in the sandbox`);
      stored.reminders = { useDefault: false };
    }
  }
}

runCalendarConformance({
  name: 'google',
  provider,
  pageSize: PAGE_SIZE,
  knownLosses: {
    categories: 'Google Calendar has no categories',
    conferenceUrl: 'Google makes Meet links itself and cannot attach an existing meeting link',
    created: 'Google sets it when the event is made at Google',
    updated: 'Google sets it when the event is changed at Google',
    'attendees.rsvp': 'Google has no RSVP flag: every guest is asked',
    'attendees.kind': 'Google marks resources only (rooms, groups and people are not told apart)',
    'attendees.role': 'Google has optional guests and the organizer only (non-participant becomes optional)',
  },
  normalize: (event: CalendarEvent) => ({ ...singleEventAsInstant(event), busy: GOOGLE_BUSY[event.busy] ?? event.busy }),
  async open() {
    // The suite calls the adapter directly, without the engine's pacer: the per-user rate limit is the
    // engine's and the end-to-end tests' business, so it is off here.
    let store: CalendarAccount | undefined;
    const sandbox = await startSandbox({
      port: 0,
      providers: [
        (ctx) => {
          const google = createGoogleSandbox(ctx, { rateLimit: null });
          store = google.account;
          return google;
        },
      ],
    });
    const { ctx, close } = sandboxContext(sandbox, 'google', google, calendar, { tokenAccount: GOOGLE_ACCOUNT.email, contextAccount: GOOGLE_ACCOUNT.sub });
    const account = sandbox.providers.google;
    return {
      ctx,
      async seed(calendars) {
        await seedCalendars(account, calendars);
        keepNoReminders(store!, calendars);
      },
      reset: async () => account.reset(),
      close,
    };
  },
});
