import { describe, expect, it } from 'vitest';
import { GoogleCalendarExporter } from '../../../adapters/google/calendar/export';
import type { GoogleEvent } from '../../../adapters/google/calendar/api-types';
import type { AdapterContext, ExportPage } from '../../../model/adapter';
import type { CalendarEvent } from '../../../model/calendar';

const CALENDARS = {
  items: [
    { id: 'alice@example.com', summary: 'alice@example.com', summaryOverride: 'Alice', timeZone: 'Europe/Berlin', backgroundColor: '#9FE1E7', primary: true, accessRole: 'owner' },
    { id: 'work@group.calendar.google.com', summary: 'Work', description: 'Shifts', timeZone: 'America/New_York', accessRole: 'owner' },
  ],
};

const series: GoogleEvent = {
  id: 'ser1',
  iCalUID: 'sync@example.com',
  summary: 'Team sync',
  start: { dateTime: '2025-03-03T09:00:00+01:00', timeZone: 'Europe/Berlin' },
  end: { dateTime: '2025-03-03T09:30:00+01:00', timeZone: 'Europe/Berlin' },
  recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO'],
};
const cancelledInstance: GoogleEvent = {
  id: 'ser1_20250310T080000Z',
  status: 'cancelled',
  recurringEventId: 'ser1',
  originalStartTime: { dateTime: '2025-03-10T09:00:00+01:00', timeZone: 'Europe/Berlin' },
};
const deletedEvent: GoogleEvent = { id: 'gone1', status: 'cancelled', summary: 'Deleted', start: { date: '2025-01-01' }, end: { date: '2025-01-02' } };
const workEvent: GoogleEvent = { id: 'w1', iCalUID: 'w1@example.com', summary: 'Review', start: { date: '2025-04-01' }, end: { date: '2025-04-02' } };
const orphanInstance: GoogleEvent = { ...cancelledInstance, id: 'ser9_20250310T080000Z', recurringEventId: 'ser9' };
const fetchedSeries: GoogleEvent = { ...series, id: 'ser9', iCalUID: 'nine@example.com', summary: 'Nine' };

function fakeGoogle() {
  const paths: string[] = [];
  const pages: Record<string, unknown> = {
    '/calendar/v3/users/me/calendarList?maxResults=250&minAccessRole=reader&showHidden=true': CALENDARS,
    '/calendar/v3/calendars/alice%40example.com/events?singleEvents=false&showDeleted=true&maxResults=2': {
      timeZone: 'Europe/Berlin', items: [cancelledInstance, series], nextPageToken: 'p2',
    },
    '/calendar/v3/calendars/alice%40example.com/events?singleEvents=false&showDeleted=true&maxResults=2&pageToken=p2': {
      timeZone: 'Europe/Berlin', items: [deletedEvent, orphanInstance],
    },
    '/calendar/v3/calendars/alice%40example.com/events/ser9': fetchedSeries,
    '/calendar/v3/calendars/work%40group.calendar.google.com/events?singleEvents=false&showDeleted=true&maxResults=2': {
      timeZone: 'America/New_York', items: [workEvent],
    },
  };
  const ctx: AdapterContext = {
    account: 'acct',
    url: (real) => real,
    fetch: async (url) => {
      const { pathname, search } = new URL(url);
      paths.push(`${pathname}${search}`);
      const body = pages[`${pathname}${search}`];
      return body ? new Response(JSON.stringify(body)) : new Response('{"error":{"code":404,"message":"Not Found"}}', { status: 404 });
    },
  };
  return { ctx, paths };
}

async function exportAll(exporter: GoogleCalendarExporter): Promise<ExportPage[]> {
  const pages: ExportPage[] = [];
  let cursor: string | undefined;
  do {
    const page = await exporter.exportPage(cursor);
    pages.push(page);
    cursor = page.next;
  } while (cursor);
  return pages;
}

describe('GoogleCalendarExporter', () => {
  it('emits every readable calendar first, then every page of every calendar', async () => {
    const { ctx } = fakeGoogle();
    const pages = await exportAll(new GoogleCalendarExporter(ctx, 2));
    expect(pages).toHaveLength(3);
    expect(pages[0]!.containers).toEqual([
      { key: 'google:acct:calendar:container:alice@example.com', dataType: 'calendar', name: 'Alice', color: '#9fe1e7', timeZone: 'Europe/Berlin', isDefault: true },
      { key: 'google:acct:calendar:container:work@group.calendar.google.com', dataType: 'calendar', name: 'Work', description: 'Shifts', timeZone: 'America/New_York' },
    ]);
    expect(pages.slice(1).every((p) => p.containers.length === 0)).toBe(true);
    expect(pages.flatMap((p) => p.items.map((i) => [i.key, i.containerKey, i.parentKey]))).toEqual([
      ['google:acct:calendar:alice@example.com/ser1_20250310T080000Z', 'google:acct:calendar:container:alice@example.com', 'google:acct:calendar:alice@example.com/ser1'],
      ['google:acct:calendar:alice@example.com/ser1', 'google:acct:calendar:container:alice@example.com', undefined],
      ['google:acct:calendar:alice@example.com/ser9_20250310T080000Z', 'google:acct:calendar:container:alice@example.com', 'google:acct:calendar:alice@example.com/ser9'],
      ['google:acct:calendar:work@group.calendar.google.com/w1', 'google:acct:calendar:container:work@group.calendar.google.com', undefined],
    ]);
  });

  it('gives a cancelled instance the UID, title and length of its series, fetching the series only when unseen', async () => {
    const { ctx, paths } = fakeGoogle();
    const items = (await exportAll(new GoogleCalendarExporter(ctx, 2))).flatMap((p) => p.items);
    const [cancelled, , orphan] = items.map((i) => i.data as CalendarEvent);
    expect(cancelled).toMatchObject({
      uid: 'sync@example.com',
      title: 'Team sync',
      status: 'cancelled',
      recurrenceId: { dateTime: '2025-03-10T09:00:00', timeZone: 'Europe/Berlin' },
      start: { dateTime: '2025-03-10T09:00:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2025-03-10T09:30:00', timeZone: 'Europe/Berlin' },
    });
    expect(items[0]!.title).toBe('Team sync');
    expect(orphan).toMatchObject({ uid: 'nine@example.com', title: 'Nine', status: 'cancelled' });
    expect(paths.filter((p) => /events\/ser/.test(p))).toEqual(['/calendar/v3/calendars/alice%40example.com/events/ser9']);
  });

  it('drops deleted events that are not instances of a series', async () => {
    const { ctx } = fakeGoogle();
    const titles = (await exportAll(new GoogleCalendarExporter(ctx, 2))).flatMap((p) => p.items.map((i) => i.title));
    expect(titles).not.toContain('Deleted');
  });

  it('resumes from a cursor with a fresh exporter', async () => {
    const { ctx } = fakeGoogle();
    const first = await new GoogleCalendarExporter(ctx, 2).exportPage(undefined);
    const second = await new GoogleCalendarExporter(ctx, 2).exportPage(first.next);
    expect(second.items.map((i) => i.key)).toEqual(['google:acct:calendar:alice@example.com/ser9_20250310T080000Z']);
    expect(second.next).toBeDefined();
  });
});
