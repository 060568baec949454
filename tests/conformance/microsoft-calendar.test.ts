/**
 * The Microsoft adapter against the Microsoft sandbox, started in this process, through the calendar
 * conformance suite. The token is issued by the sandbox's token store with exactly the scopes the
 * descriptor asks for, so a call outside them fails here as it would at Microsoft.
 */
import { MicrosoftCalendarExporter } from '../../adapters/microsoft/calendar/export';
import { microsoft } from '../../adapters/microsoft/descriptor';
import type { DataTypeSupport, ProviderDescriptor } from '../../model/adapter';
import type { CalendarEvent, Reminder, Visibility } from '../../model/calendar';
import { ALICE } from '../sandbox/microsoft/account';
import { createMicrosoftSandbox } from '../sandbox/microsoft/index';
import { startSandbox } from '../sandbox/server';
import { runCalendarConformance } from './calendar.suite';
import { sandboxContext, seedCalendars } from './sandbox-target';

/** Small pages, so the paging case needs a hundred-odd events, not hundreds. */
const PAGE_SIZE = 25;

const calendar = microsoft.dataTypes.calendar as DataTypeSupport;
const provider: ProviderDescriptor = {
  ...microsoft,
  dataTypes: { calendar: { ...calendar, export: { create: (ctx) => new MicrosoftCalendarExporter(ctx, PAGE_SIZE) } } },
};

/**
 * Outlook's spellings of what the model says otherwise; each is reported per item on import
 * (tests/unit/adapters/microsoft-calendar-map.test.ts checks those reports and the exact mapping):
 * - Outlook keeps one reminder per event, a pop-up. It has no per-calendar default: an event made
 *   without one gets Outlook's default 15-minute pop-up (event resource: reminderMinutesBeforeStart),
 *   and an event seeded from iCalendar without VALARM has none. All three mean "the default" here.
 * - Outlook has no tentative event status and no explicit public sensitivity.
 * - Outlook lists rooms among resources.
 */
const OUTLOOK_VISIBILITY: Partial<Record<Visibility, Visibility>> = { public: 'default' };

function keptReminder(reminders: Reminder[] | undefined): Reminder[] | undefined {
  const kept = reminders?.find((r) => r.method === 'display') ?? reminders?.[0];
  if (!kept || kept.minutesBefore === 15) return undefined;
  return [{ minutesBefore: kept.minutesBefore, method: 'display' }];
}

function normalize(event: CalendarEvent): CalendarEvent {
  return {
    ...event,
    status: event.status === 'tentative' ? 'confirmed' : event.status,
    visibility: OUTLOOK_VISIBILITY[event.visibility] ?? event.visibility,
    reminders: keptReminder(event.reminders),
    attendees: event.attendees.map((a) => (a.kind === 'room' ? { ...a, kind: 'resource' } : a)),
  };
}

runCalendarConformance({
  name: 'microsoft',
  provider,
  pageSize: PAGE_SIZE,
  knownLosses: {
    'recurrence.rdate': 'Outlook repeats by one pattern; extra dates (RDATE) cannot be added to a series',
    url: 'Outlook events have no URL property',
    conferenceUrl: 'Outlook makes Teams links itself and cannot attach an existing meeting link',
    created: 'Outlook sets it when the event is made in Outlook',
    updated: 'Outlook sets it when the event is changed in Outlook',
    sequence: 'Outlook keeps no iCalendar SEQUENCE',
    'attendees.status': 'Attendees answer for themselves: Outlook starts every attendee at "not responded"',
    'attendees.comment': 'Outlook attendees carry no comment',
    'attendees.rsvp': 'Outlook asks for responses per event, not per attendee',
  },
  normalize,
  skip: {
    'export: every seeded event arrives with every field':
      'the Microsoft sandbox does not seed an event that has RDATE ("Book club"; Graph cannot express it), so the canonical account cannot be seeded in full',
  },
  async open() {
    const sandbox = await startSandbox({ port: 0, providers: [(ctx) => createMicrosoftSandbox(ctx)] });
    const { ctx, close } = sandboxContext(sandbox, 'microsoft', microsoft, calendar, { tokenAccount: ALICE.id, contextAccount: ALICE.id });
    const account = sandbox.providers.microsoft;
    return {
      ctx,
      seed: (calendars) => seedCalendars(account, calendars),
      reset: async () => account.reset(),
      close,
    };
  },
});
