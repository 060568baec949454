/** Seeding from and dumping to the archive layout: `calendar/primary.ics` and `calendar/<name>.ics`. */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { calendarToIcs, importIcs } from './ics';
import type { CalendarStore } from './store';

const PRIMARY = 'primary.ics';

export const seedArchive = async (store: CalendarStore, dataDir: string): Promise<string[]> => {
  const dir = join(dataDir, 'calendar');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.toLowerCase().endsWith('.ics')).sort();
  const warnings: string[] = [];
  for (const file of files) {
    const text = await readFile(join(dir, file), 'utf8');
    warnings.push(...importIcs(store, text, file === PRIMARY ? undefined : basename(file, '.ics')).map((w) => `${file}: ${w}`));
  }
  for (const warning of warnings) console.warn(`[microsoft sandbox seed] ${warning}`);
  return warnings;
};

/** A file name for a calendar: its name with path separators and control characters replaced. */
const fileNameFor = (name: string): string => `${name.replace(/[/\\:*?"<>|\u0000-\u001f]/g, '_').trim() || 'calendar'}.ics`;

export const dumpArchive = async (store: CalendarStore, outDir: string): Promise<void> => {
  const dir = join(outDir, 'calendar');
  await mkdir(dir, { recursive: true });
  for (const calendar of store.calendars.values()) {
    const file = calendar.isDefaultCalendar ? PRIMARY : fileNameFor(calendar.name);
    await writeFile(join(dir, file), calendarToIcs(store, calendar));
  }
};
