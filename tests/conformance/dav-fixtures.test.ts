/**
 * The real-world files in ../shared/fixtures (calendar, contacts) through a real Radicale: each file's events
 * and cards are imported by the CalDAV and CardDAV adapters into a collection of their own, exported back, and
 * compared with what the file says, field by field. Skips visibly when ../shared is absent.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalDavCalendarExporter } from '../../adapters/caldav/calendar/export';
import { CalDavCalendarImporter } from '../../adapters/caldav/calendar/import';
import { caldav } from '../../adapters/caldav/descriptor';
import { CardDavContactsExporter } from '../../adapters/carddav/contacts/export';
import { CardDavContactsImporter } from '../../adapters/carddav/contacts/import';
import { carddav } from '../../adapters/carddav/descriptor';
import type { AdapterContext, ContentStream, ImportItem } from '../../model/adapter';
import { CALENDAR_FIELDS, type CalendarEvent } from '../../model/calendar';
import { parseCalendarFile } from '../../model/calendar-ics';
import { CONTACT_FIELDS, type Contact } from '../../model/contact';
import { parseVCardFile, type VCardEntry } from '../../model/contact-vcard';
import { SHARED_DIR } from '../harness/paths';
import { startRadicale, type RunningDavServer } from '../harness/real-servers';
import { fieldValue, matchKey, normalizeEvent } from './calendar-compare';
import { exportAll } from './export-all';

const CALENDARS = join(SHARED_DIR, 'fixtures', 'calendar');
const CONTACTS = join(SHARED_DIR, 'fixtures', 'contacts');
const present = existsSync(CALENDARS) && existsSync(CONTACTS);
if (!present) console.warn(`[skipped] ${join(SHARED_DIR, 'fixtures')} absent (no ../shared): real-world files not sent through Radicale`);

const filesIn = (dir: string, extension: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith(extension)).sort();

async function contextFor(server: RunningDavServer, provider: typeof caldav): Promise<AdapterContext> {
  const ctx: AdapterContext = { account: '', url: (u) => u, serverUrl: server.origin, fetch: server.fetch };
  ctx.account = (await provider.accountInfo(ctx)).id;
  return ctx;
}

/** "No reminders" and "the calendar's defaults" are one thing in a file (no VALARM). */
const noRemindersIsDefault = (event: CalendarEvent): CalendarEvent => (event.reminders?.length === 0 ? { ...event, reminders: undefined } : event);

/** A contact's value for comparing: list fields order-free, `preferred` left out. */
function contactValue(contact: Contact, field: string): unknown {
  const value = field.split('.').reduce<unknown>((v, k) => (Array.isArray(v) ? v.map((e) => (e as Record<string, unknown>)[k]) : (v as Record<string, unknown> | undefined)?.[k]), contact);
  if (!Array.isArray(value)) return value;
  return value.map((v) => JSON.stringify(v && typeof v === 'object' && 'preferred' in v ? { ...v, preferred: undefined } : v)).sort();
}

/**
 * What Radicale itself changes (its vCard library, vobject, rewrites cards): an address line that ends in a
 * backslash comes back as `\\;`.
 */
const RADICALE_QUIRKS = ['android-vcard/v21_adr_multiple_line.vcf/android-vcard/v21_adr_multiple_line.vcf#1 → addresses:'];

const readAll = async (stream: ContentStream) => new Uint8Array(await new Response(stream.body).arrayBuffer());

describe.skipIf(!present)(`real-world files through Radicale${present ? '' : ' (skipped: ../shared absent)'}`, () => {
  let server: RunningDavServer;
  beforeAll(async () => {
    server = await startRadicale();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('calendar: every event of every fixture comes back semantically equal', async () => {
    const ctx = await contextFor(server, caldav);
    const importer = new CalDavCalendarImporter(ctx);
    const expected = new Map<string, { file: string; event: CalendarEvent; lost: string[] }>();
    const lost = new Map<string, string[]>();
    const files = filesIn(CALENDARS, '.ics');
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const { events } = parseCalendarFile(readFileSync(join(CALENDARS, file), 'utf8'));
      if (events.length === 0) continue;
      const containerId = await importer.ensureContainer({ key: `fixture:${file}`, dataType: 'calendar', name: file });
      // A calendar holds one series per UID (RFC 4791 §4.1): a file that repeats a master keeps its first.
      const unique = new Map(events.map((event): [string, CalendarEvent] => [matchKey(event, false), event]).reverse());
      const items = [...unique.values()].map((event, i): ImportItem<CalendarEvent> => ({ key: `fixture:${file}:${i}`, dataType: 'calendar', title: event.title, data: event, containerId }));
      const masters = new Map<string, string>();
      for (const item of items.filter((i) => !i.data.recurrenceId)) {
        const [result] = await importer.importBatch([item]);
        expect(result!.ok, `${file}: ${item.title} ${result!.ok ? '' : result!.error.message}`).toBe(true);
        if (result!.ok) masters.set(item.data.uid, result!.destinationId);
        if (result!.ok && result!.lost) lost.set(item.key, result!.lost.map((l) => l.field));
      }
      const overrides = items.filter((i) => i.data.recurrenceId).map((i) => ({ ...i, ...(masters.has(i.data.uid) && { parentId: masters.get(i.data.uid) }) }));
      const refused = new Set<string>();
      for (const result of overrides.length ? await importer.importBatch(overrides) : []) {
        if (result.ok) {
          if (result.lost) lost.set(result.key, result.lost.map((l) => l.field));
          continue;
        }
        // Radicale keeps no occurrence of a series whose main event is absent ("Main component missing").
        const item = overrides.find((o) => o.key === result.key)!;
        expect(item.parentId, `${file}: ${item.title} refused (${result.error.message})`).toBeUndefined();
        expect(result.error.message).toMatch(/series whose main event is not there/);
        refused.add(result.key);
      }
      for (const item of items.filter((i) => !refused.has(i.key))) expected.set(`${file}/${matchKey(item.data, false)}`, { file, event: item.data, lost: lost.get(item.key) ?? [] });
    }
    const { items, containers } = await exportAll<CalendarEvent>(new CalDavCalendarExporter(ctx));
    const fileOf = new Map(containers.map((c) => [c.key, c.name]));
    const got = new Map(items.map((item) => [`${fileOf.get(item.containerKey!)}/${matchKey(item.data, false)}`, item.data]));
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    const differences: string[] = [];
    for (const [key, { event, lost: reported }] of expected) {
      const want = normalizeEvent(event, {}, noRemindersIsDefault);
      const back = normalizeEvent(got.get(key)!, {}, noRemindersIsDefault);
      // What the import reported lost for this event is not expected back; the rest is.
      for (const field of CALENDAR_FIELDS.filter((f) => !reported.some((r) => f === r || f === r.split('.')[0]))) {
        if (JSON.stringify(fieldValue(back, field)) !== JSON.stringify(fieldValue(want, field))) {
          differences.push(`${key} → ${field}: ${JSON.stringify(fieldValue(back, field))} instead of ${JSON.stringify(fieldValue(want, field))}`);
        }
      }
    }
    expect(differences).toEqual([]);
    expect(expected.size).toBeGreaterThan(50);
  });

  it('contacts: every card of every fixture comes back semantically equal, photos byte for byte', async () => {
    const ctx = await contextFor(server, carddav);
    const importer = new CardDavContactsImporter(ctx);
    const expected = new Map<string, { entry: VCardEntry; file: string }>();
    const files = filesIn(CONTACTS, '.vcf');
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const { entries } = parseVCardFile(readFileSync(join(CONTACTS, file)), file);
      if (entries.length === 0) continue;
      const containerId = await importer.ensureContainer({ key: `fixture:${file}`, dataType: 'contacts', name: file });
      const unique = new Map(entries.map((entry): [string, VCardEntry] => [entry.contact.uid, entry]).reverse());
      const items = [...unique.values()].map(({ contact, photo }, i): ImportItem<Contact> => {
        const item: ImportItem<Contact> = { key: `fixture:${file}:${i}`, dataType: 'contacts', title: contact.name.formatted, data: contact, containerId };
        if (photo && 'url' in photo) item.data = { ...contact, photo: { contentType: photo.contentType ?? 'image/jpeg', sourceUrl: photo.url } };
        if (photo && 'bytes' in photo) {
          item.data = { ...contact, photo: { contentType: photo.contentType, sourceUrl: `fixture:${file}:${i}` } };
          item.content = async () => ({ body: new ReadableStream({ start: (c) => (c.enqueue(photo.bytes), c.close()) }), contentType: photo.contentType, offset: 0 });
        }
        return item;
      });
      for (const result of await importer.importBatch(items)) expect(result.ok, `${file}: ${result.key} ${result.ok ? '' : result.error.message}`).toBe(true);
      for (const entry of unique.values()) expected.set(`${file}/${entry.contact.uid}`, { entry, file });
    }
    const exporter = new CardDavContactsExporter(ctx);
    const { items, containers } = await exportAll<Contact>(exporter);
    const fileOf = new Map(containers.map((c) => [c.key, c.name]));
    const got = new Map(items.map((item) => [`${fileOf.get(item.containerKey!)}/${item.data.uid}`, item]));
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    const differences: string[] = [];
    for (const [key, { entry }] of expected) {
      const back = got.get(key)!;
      for (const field of CONTACT_FIELDS.filter((f) => f !== 'photo')) {
        const [a, b] = [contactValue(entry.contact, field), contactValue(back.data, field)];
        if (JSON.stringify(a) !== JSON.stringify(b)) differences.push(`${key} → ${field}: ${JSON.stringify(b)} instead of ${JSON.stringify(a)}`);
      }
      if (entry.photo && 'bytes' in entry.photo) {
        const bytes = await readAll(await exporter.openContent(back));
        if (Buffer.compare(Buffer.from(bytes), Buffer.from(entry.photo.bytes)) !== 0) differences.push(`${key} → photo bytes differ`);
      } else if (Boolean(back.data.photo) !== Boolean(entry.photo)) {
        differences.push(`${key} → photo: ${back.data.photo ? 'present' : 'absent'} instead of ${entry.photo ? 'present' : 'absent'}`);
      }
    }
    expect(differences.filter((d) => !RADICALE_QUIRKS.some((quirk) => d.startsWith(quirk)))).toEqual([]);
    expect(expected.size).toBeGreaterThan(20);
  });
});
