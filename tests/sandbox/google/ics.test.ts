import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { CalendarResource, EventResource } from './calendar/store';
import { api, makeSandbox, tokenFor } from './test-support';

const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));

interface Snapshot {
  calendars: CalendarResource[];
  events: Record<string, EventResource[]>;
}

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function seeded() {
  const { sandbox } = makeSandbox();
  await sandbox.seed(FIXTURES);
  return sandbox;
}

const withoutEtags = (s: Snapshot) => ({
  calendars: s.calendars.map(({ etag: _e, id: _i, ...c }) => c),
  events: Object.values(s.events).map((list) => list.map(({ etag: _e, htmlLink: _h, ...e }) => e)),
});

describe('seed from the archive layout', () => {
  it('fills the primary calendar from primary.ics and a secondary one per other file', async () => {
    const snap = (await seeded()).snapshot() as Snapshot;
    expect(snap.calendars.map((c) => [c.summary, c.timeZone, c.description])).toEqual([
      ['alice@example.com', 'Europe/Berlin', undefined],
      ['Work', 'America/New_York', 'Things for the job'],
    ]);
    expect(snap.calendars[0]?.id).toBe('alice@example.com');
  });

  it('converts each VEVENT as Google stores it', async () => {
    const snap = (await seeded()).snapshot() as Snapshot;
    const primary = snap.events['alice@example.com'] ?? [];
    expect(primary.map((e) => e.summary)).toEqual(['Standup', 'Design review', 'Holiday', 'Standup (late)']);
    const [series, review, holiday, moved] = primary as [EventResource, EventResource, EventResource, EventResource];
    expect(series).toMatchObject({
      iCalUID: 'standup-series@example.org',
      id: expect.stringMatching(/^[a-v0-9]{26}$/),
      start: { dateTime: '2025-03-24T09:00:00+01:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2025-03-24T09:15:00+01:00', timeZone: 'Europe/Berlin' },
      recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=5', 'EXDATE;TZID=Europe/Berlin:20250407T090000'],
      sequence: 2,
      created: '2025-03-01T12:00:00.000Z',
      updated: '2025-03-02T08:00:00.000Z',
      organizer: { email: 'alice@example.com', self: true },
      reminders: { useDefault: false, overrides: [{ method: 'popup', minutes: 10 }] },
      status: 'confirmed',
      eventType: 'default',
    });
    expect(moved).toMatchObject({
      id: `${series.id}_20250414T070000Z`,
      recurringEventId: series.id,
      originalStartTime: { dateTime: '2025-04-14T09:00:00+02:00', timeZone: 'Europe/Berlin' },
      start: { dateTime: '2025-04-14T11:00:00+02:00', timeZone: 'Europe/Berlin' },
      iCalUID: 'standup-series@example.org',
      sequence: 3,
    });
    expect(review).toMatchObject({
      description: 'Bring the mock-ups, please.\nSecond line',
      location: 'Room 4',
      visibility: 'private',
      transparency: 'transparent',
      start: { dateTime: '2025-05-05T13:00:00Z', timeZone: 'UTC' },
      organizer: { email: 'carol@contoso.example', displayName: 'Carol' },
      attendees: [
        { email: 'carol@contoso.example', displayName: 'Carol', organizer: true, responseStatus: 'accepted' },
        { email: 'alice@example.com', self: true, optional: true, responseStatus: 'tentative', additionalGuests: 1 },
        { email: 'room4@resource.example', resource: true, responseStatus: 'needsAction' },
      ],
      reminders: { useDefault: false, overrides: [{ method: 'email', minutes: 1440 }] },
      source: { title: 'Design review', url: 'https://example.org/review' },
      hangoutLink: 'https://meet.google.com/abc-defg-hij',
    });
    expect(holiday).toMatchObject({ start: { date: '2025-08-01' }, end: { date: '2025-08-04' }, reminders: { useDefault: true } });
    const work = Object.entries(snap.events).find(([id]) => id !== 'alice@example.com')?.[1] ?? [];
    expect(work).toEqual([
      expect.objectContaining({
        summary: 'Launch',
        status: 'tentative',
        start: { dateTime: '2025-06-10T09:00:00-04:00', timeZone: 'America/New_York' },
        end: { dateTime: '2025-06-10T11:00:00-04:00', timeZone: 'America/New_York' },
        organizer: { email: expect.stringMatching(/@group\.calendar\.google\.com$/), displayName: 'Work', self: true },
      }),
    ]);
  });

  it('serves the seeded account through the API, exceptions and exdates applied', async () => {
    const sandbox = await seeded();
    const token = await tokenFor(sandbox);
    const list = await api(sandbox, token, 'GET', '/users/me/calendarList');
    expect(list.body.items.map((c: { summary: string; backgroundColor: string }) => [c.summary, c.backgroundColor])).toEqual([
      ['alice@example.com', '#9fe1e7'],
      ['Work', '#ff2968'],
    ]);
    const series = (await api(sandbox, token, 'GET', '/calendars/primary/events?iCalUID=standup-series%40example.org')).body.items;
    const master = series.find((e: EventResource) => !e.recurringEventId);
    const instances = await api(sandbox, token, 'GET', `/calendars/primary/events/${master.id}/instances`);
    expect(instances.body.items.map((e: EventResource) => [e.summary, e.start.dateTime])).toEqual([
      ['Standup', '2025-03-24T09:00:00+01:00'],
      ['Standup', '2025-03-31T09:00:00+02:00'],
      ['Standup (late)', '2025-04-14T11:00:00+02:00'],
      ['Standup', '2025-04-21T09:00:00+02:00'],
    ]);
  });
});

describe('dump', () => {
  it('writes primary.ics and <summary>.ics with calendar properties and VTIMEZONEs', async () => {
    const sandbox = await seeded();
    const out = await mkdtemp(join(tmpdir(), 'ferry-google-dump-'));
    temps.push(out);
    await sandbox.dump(out);
    expect((await readdir(join(out, 'calendar'))).sort()).toEqual(['Work.ics', 'primary.ics']);
    const primary = await readFile(join(out, 'calendar', 'primary.ics'), 'utf8');
    expect(primary).toContain('X-WR-CALNAME:alice@example.com');
    expect(primary).toContain('X-WR-TIMEZONE:Europe/Berlin');
    expect(primary).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Europe\/Berlin/);
    expect(primary).toContain('DTSTART;TZID=Europe/Berlin:20250324T090000');
    expect(primary).toContain('RECURRENCE-ID;TZID=Europe/Berlin:20250414T090000');
    expect(primary).toContain('DTSTART;VALUE=DATE:20250801');
    const work = await readFile(join(out, 'calendar', 'Work.ics'), 'utf8');
    expect(work).toContain('X-WR-CALDESC:Things for the job');
    expect(work).toContain('X-APPLE-CALENDAR-COLOR:#ff2968');
    expect(work).toMatch(/BEGIN:VTIMEZONE\r\nTZID:America\/New_York/);
  });

  it('seed → dump → seed gives the same account, and a cancelled instance is dumped as an EXDATE', async () => {
    const sandbox = await seeded();
    const token = await tokenFor(sandbox);
    const master = (await api(sandbox, token, 'GET', '/calendars/primary/events?iCalUID=standup-series%40example.org')).body.items[0];
    expect((await api(sandbox, token, 'DELETE', `/calendars/primary/events/${master.id}_20250421T070000Z`)).status).toBe(204);

    const out = await mkdtemp(join(tmpdir(), 'ferry-google-roundtrip-'));
    temps.push(out);
    await sandbox.dump(out);
    expect(await readFile(join(out, 'calendar', 'primary.ics'), 'utf8')).toContain('EXDATE;TZID=Europe/Berlin:20250421T090000');

    const again = makeSandbox().sandbox;
    await again.seed(out);
    const before = withoutEtags(sandbox.snapshot() as Snapshot);
    const after = withoutEtags(again.snapshot() as Snapshot);
    expect(after.calendars).toEqual(before.calendars);
    const beforePrimary = (before.events[0] ?? []).filter((e) => e.status !== 'cancelled');
    const seriesBefore = beforePrimary[0] as EventResource;
    const seriesAfter = (after.events[0] ?? [])[0] as EventResource;
    expect(seriesAfter.recurrence).toEqual([...(seriesBefore.recurrence ?? []), 'EXDATE;TZID=Europe/Berlin:20250421T090000']);
    expect((after.events[0] ?? []).slice(1)).toEqual(beforePrimary.slice(1).map((e) => ({ ...e, updated: e.updated })));
    expect(after.events[1]).toEqual(before.events[1]);
  });

  it('an account with nothing to seed is just the primary calendar', async () => {
    const { sandbox } = makeSandbox();
    await sandbox.seed(join(FIXTURES, 'nothing-here'));
    expect((sandbox.snapshot() as Snapshot).calendars).toHaveLength(1);
  });
});
