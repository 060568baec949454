/**
 * Seed and dump in the archive layout: `<dir>/calendar/primary.ics` is the primary calendar, every other
 * `<name>.ics` a secondary calendar (X-WR-CALNAME, X-WR-CALDESC, X-WR-TIMEZONE, X-APPLE-CALENDAR-COLOR).
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { eventFromVevent, eventIdForUid, readIcsFile, type IcsCalendar } from './ics-read';
import { writeCalendar } from './ics-write';
import type { CalendarAccount, CalendarRecord } from './store';

const PRIMARY_FILE = 'primary.ics';

async function icsFiles(dir: string): Promise<string[]> {
  try {
    const files = (await readdir(dir)).filter((f) => f.toLowerCase().endsWith('.ics')).sort();
    return [...files.filter((f) => f === PRIMARY_FILE), ...files.filter((f) => f !== PRIMARY_FILE)];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** `#RRGGBB` from Apple's `#RRGGBBAA` or any case, as Google writes colours. */
const googleColor = (color: string | undefined): string | undefined =>
  color && /^#[0-9a-f]{6}/i.test(color) ? color.slice(0, 7).toLowerCase() : undefined;

/** Replaces the account's content with the calendars found under `<dataDir>/calendar`. */
export async function seedCalendars(account: CalendarAccount, dataDir: string): Promise<void> {
  const dir = join(dataDir, 'calendar');
  account.reset();
  for (const file of await icsFiles(dir)) {
    const ics = readIcsFile(await readFile(join(dir, file), 'utf8'));
    const record = file === PRIMARY_FILE ? account.resolve('primary') : addSecondary(account, ics, basename(file, '.ics'));
    if (file === PRIMARY_FILE && ics.timeZone) record.calendar.timeZone = ics.timeZone;
    try {
      addEvents(account, record, ics);
    } catch (error) {
      throw new Error(`Cannot seed ${join(dir, file)}: ${(error as Error).message}`);
    }
  }
}

/** Seeded calendars get ids derived from their names, so the same archive always gives the same ids. */
function addSecondary(account: CalendarAccount, ics: IcsCalendar, fileName: string): CalendarRecord {
  const backgroundColor = googleColor(ics.color);
  const summary = ics.name ?? fileName;
  return account.addCalendar({
    id: `c_${eventIdForUid(`calendar:${summary}`)}@group.calendar.google.com`,
    summary,
    ...(ics.description !== undefined ? { description: ics.description } : {}),
    ...(ics.timeZone ? { timeZone: ics.timeZone } : {}),
    ...(backgroundColor ? { backgroundColor } : {}),
  });
}

function addEvents(account: CalendarAccount, record: CalendarRecord, ics: IcsCalendar): void {
  const ctx = {
    calendarId: record.calendar.id,
    calendarName: record.calendar.summary,
    calendarZone: record.calendar.timeZone,
    zones: ics.zones,
    now: account.timestamp(),
    etag: () => account.etag(),
  };
  const overrides = ics.events.filter((v) => v.hasProperty('recurrence-id'));
  for (const v of ics.events.filter((x) => !x.hasProperty('recurrence-id'))) {
    const event = eventFromVevent(v, ctx);
    record.events.set(event.id, event);
  }
  for (const v of overrides) {
    const uid = String(v.getFirstPropertyValue('uid') ?? '');
    const series = account.findByICalUID(record, uid);
    const event = series ? eventFromVevent(v, ctx, series) : { ...eventFromVevent(v, ctx), id: eventIdForUid(`${uid} ${v.getFirstPropertyValue('recurrence-id')}`) };
    record.events.set(event.id, event);
  }
  account.touch(record);
}

const safeFileName = (name: string): string => name.replace(/[/\\:*?"<>|\u0000-\u001f]/g, '_').trim() || 'calendar';

/** Writes every calendar of the account to `<outDir>/calendar/`. */
export async function dumpCalendars(account: CalendarAccount, outDir: string): Promise<void> {
  const dir = join(outDir, 'calendar');
  await mkdir(dir, { recursive: true });
  const used = new Set<string>();
  for (const record of account.calendars.values()) {
    const base = record.list.primary ? 'primary' : safeFileName(record.calendar.summary);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()) || (!record.list.primary && name === 'primary'); n += 1) name = `${base} (${n})`;
    used.add(name.toLowerCase());
    const { text, zonesWithoutDefinition } = writeCalendar(record);
    if (zonesWithoutDefinition.length > 0) {
      console.warn(`[sandbox] google: no VTIMEZONE known for ${zonesWithoutDefinition.join(', ')}; ${name}.ics names them by TZID only`);
    }
    await writeFile(join(dir, `${name}.ics`), text, 'utf8');
  }
}
