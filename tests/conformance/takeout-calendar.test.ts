/** The calendars of the sample Takeout → the Google Calendar sandbox: every event arrives in its calendar with its fields. */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { takeout } from '../../adapters/takeout/descriptor';
import { parseCalendarFile } from '../../model/calendar-ics';
import type { CalendarEvent } from '../../model/calendar';
import { sampleEvents } from '../sandbox/sample-data/calendar';
import { openDestination } from './archive-destinations';
import { archiveContext, chosenFiles, transfer } from './archive-transfer';
import { TAKEOUT_SAMPLE, useSampleTakeout } from './takeout-fixture';

const { sample, dir } = useSampleTakeout();
/** A series' master by UID, an overridden instance by UID and its own start (Google may write its RECURRENCE-ID in another zone). */
const idOf = (e: CalendarEvent): string => `${e.uid}|${e.recurrenceId ? JSON.stringify(e.start) : ''}`;
/** An RRULE's parts in a fixed order (the order of parts means nothing, RFC 5545 §3.3.10). */
const rules = (e: CalendarEvent | undefined): string[] | undefined => e?.recurrence?.rrule?.map((r) => r.split(';').sort().join(';'));

describe('Takeout calendar → google', () => {
  it('every event arrives with its title, times, place, description and recurrence', async () => {
    const target = await openDestination('google', 'calendar');
    try {
      const exporter = takeout.dataTypes.calendar!.export!.create(archiveContext(await chosenFiles(sample().parts)));
      const { containers, items, results } = await transfer(exporter, target.support.import!.create(target.ctx), target.support.import!.batchSize);
      const expected = Object.values(sampleEvents(TAKEOUT_SAMPLE.events, 1)).flat();
      expect(containers).toHaveLength(sample().calendars.length);
      expect(items).toHaveLength(expected.length);
      for (const [key, result] of results) expect(result.ok, `${key}: ${result.ok ? '' : result.error.message}`).toBe(true);
      const out = join(dir(), 'calendar-dump');
      await target.dump(out);
      const arrived: CalendarEvent[] = [];
      for (const file of await readdir(join(out, 'calendar'))) arrived.push(...parseCalendarFile(await readFile(join(out, 'calendar', file), 'utf8')).events);
      for (const event of expected) {
        const got = arrived.find((a) => idOf(a) === idOf(event));
        expect(got, `${event.title}: arrived`).toBeDefined();
        expect(got!.title, `${event.title}: title`).toBe(event.title);
        expect(got!.start, `${event.title}: start`).toEqual(event.start);
        expect(got!.end, `${event.title}: end`).toEqual(event.end);
        expect(got!.location, `${event.title}: location`).toBe(event.location);
        expect(got!.description, `${event.title}: description`).toBe(event.description);
        expect(rules(got), `${event.title}: rrule`).toEqual(rules(event));
      }
    } finally {
      await target.close();
    }
  }, 60_000);
});
