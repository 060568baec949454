/**
 * The Ferry archive's calendars: every `calendar/*.ics` read back as the calendar codec reads it, then moved into
 * Google Calendar. What left is judged against the folder the sample archive was zipped from
 * (tests/sandbox/sample-data/archive.ts).
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCalendarFile } from '../../model/calendar-ics';
import type { CalendarEvent } from '../../model/calendar';
import { ARCHIVE_ACCOUNT, archiveExporter, useSampleArchive, moveInto } from './archive-read-fixture';
import { exportAll } from './export-all';
import { diffCalendars, readCalendarFacts } from '../harness/calendar-facts';

const { sample, dir } = useSampleArchive();

describe('Ferry archive: calendar', () => {
  it('every calendar is a container with its name, and every event arrives as the codec reads it, overrides after their master', async () => {
    const { containers, items } = await exportAll<CalendarEvent>(await archiveExporter(sample().zip, 'calendar'));
    const folder = join(sample().folder, 'calendar');
    const files = (await readdir(folder)).sort();
    expect(containers).toHaveLength(files.length);
    expect(containers.filter((c) => c.isDefault).map((c) => c.key)).toEqual([`archive:${ARCHIVE_ACCOUNT}:calendar:container:primary.ics`]);
    for (const file of files) {
      const parsed = parseCalendarFile(await readFile(join(folder, file), 'utf8'));
      const container = containers.find((c) => c.key === `archive:${ARCHIVE_ACCOUNT}:calendar:container:${file}`)!;
      expect(container.name, file).toBe(parsed.calendar.name ?? file.replace(/\.ics$/, ''));
      expect(container.timeZone, file).toBe(parsed.calendar.timeZone);
      const inFile = items.filter((i) => i.containerKey === container.key);
      expect(inFile.map((i) => i.data)).toEqual(parsed.events);
      for (const item of inFile.filter((i) => i.data.recurrenceId)) {
        expect(item.parentKey, item.title).toBe(`archive:${ARCHIVE_ACCOUNT}:calendar:${file}/${item.data.uid}`);
        expect(items.findIndex((i) => i.key === item.parentKey)).toBeLessThan(items.indexOf(item));
      }
    }
  });

  it('calendar → Google: every event with every fact', async () => {
    const arrived = await readCalendarFacts(await moveInto(sample().zip, dir(), 'google', 'calendar'), ['alice@example.com']);
    const left = await readCalendarFacts(sample().folder, ['alice@example.com']);
    expect(left.events.size).toBeGreaterThan(0);
    expect(arrived.duplicates).toEqual([]);
    // Google Calendar has no categories (adapters/google/README.md, "Calendar"); its importer reports them lost.
    expect(diffCalendars(left.events, arrived.events, new Set(['categories']))).toEqual([]);
  }, 120_000);
});
