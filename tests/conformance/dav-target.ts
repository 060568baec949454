/**
 * What the CalDAV and CardDAV conformance targets share: a real server per suite run (tests/harness/real-servers.ts),
 * an adapter context with Basic credentials as the connect step builds it, seeding and emptying the account
 * with plain WebDAV requests (not through the adapter under test), and a 429 armed on the next request.
 */
import type { AdapterContext, ProviderDescriptor } from '../../model/adapter';
import type { CalendarEvent } from '../../model/calendar';
import { writeCalendarFile } from '../../model/calendar-ics';
import type { VCardEntry } from '../../model/contact-vcard';
import { writeTaskFile } from '../../model/task-ics';
import type { Task } from '../../model/task';
import { contactResourceText } from '../../adapters/carddav/contacts/map';
import { childNames, parseMultistatus, propfindBody } from '../../adapters/caldav/webdav/xml';
import { startRadicale, startXandikos, type DavServerName, type RunningDavServer } from '../harness/real-servers';

export const DAV_SERVERS: readonly DavServerName[] = ['radicale', 'xandikos'];

export interface DavTarget {
  server: RunningDavServer;
  ctx: AdapterContext;
  /** Makes the next request the adapter sends answer 429 with `Retry-After: <seconds>`. */
  throttleNext(seconds: number): Promise<void>;
  close(): Promise<void>;
}

export async function openDavTarget(name: DavServerName, provider: ProviderDescriptor): Promise<DavTarget> {
  const server = await (name === 'radicale' ? startRadicale() : startXandikos());
  let throttle: number | undefined;
  const ctx: AdapterContext = {
    account: '',
    url: (real) => real,
    serverUrl: server.origin,
    fetch: async (url, init) => {
      if (throttle !== undefined) {
        const seconds = throttle;
        throttle = undefined;
        return new Response('Too many requests', { status: 429, headers: { 'retry-after': String(seconds) } });
      }
      return server.fetch(url, init);
    },
  };
  try {
    ctx.account = (await provider.accountInfo(ctx)).id;
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    server,
    ctx,
    throttleNext: async (seconds) => {
      throttle = seconds;
    },
    close: () => server.close(),
  };
}

async function send(server: RunningDavServer, method: string, url: string, body?: string, headers: Record<string, string> = {}): Promise<Response> {
  const response = await server.fetch(url, { method, body, headers: body === undefined ? headers : { 'content-type': 'application/xml; charset=utf-8', ...headers } });
  if (!response.ok && response.status !== 207) throw new Error(`${method} ${url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  await response.arrayBuffer();
  return response;
}

const xml = (text: string) => text.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!);

/** The calendars and address books directly in a home. */
async function collectionsIn(server: RunningDavServer, home: string): Promise<string[]> {
  const response = await server.fetch(home, { method: 'PROPFIND', headers: { depth: '1', 'content-type': 'application/xml' }, body: propfindBody(['d:resourcetype']) });
  if (response.status === 404) return [];
  const { resources } = parseMultistatus(await response.text());
  return resources
    .filter((r) => childNames(r.props.resourcetype).some((n) => n === 'calendar' || n === 'addressbook'))
    .map((r) => new URL(r.href, home).href)
    .filter((url) => url !== home);
}

export type DefaultCollection = 'calendar' | 'tasks' | 'contacts';

/** The account's own collection, which a reset leaves: it sorts before every seeded one. */
export const defaultCollectionUrl = (server: RunningDavServer, which: DefaultCollection): string =>
  `${which === 'contacts' ? server.homes.carddav : server.homes.caldav}default-${which}/`;

/** Deletes every calendar and address book, then makes the one default collection of this kind, empty. */
export async function resetAccount(server: RunningDavServer, which: DefaultCollection): Promise<void> {
  for (const home of new Set([server.homes.caldav, server.homes.carddav])) {
    await server.fetch(home, { method: 'MKCOL' }).then((r) => r.arrayBuffer());
    for (const url of await collectionsIn(server, home)) await send(server, 'DELETE', url);
  }
  const names: Record<DefaultCollection, string> = { calendar: 'Calendar', tasks: 'Tasks', contacts: 'Contacts' };
  await makeCollection(server, defaultCollectionUrl(server, which), which, names[which]);
}

async function makeCollection(server: RunningDavServer, url: string, which: DefaultCollection, name: string): Promise<void> {
  if (which === 'contacts') {
    const body = `<?xml version="1.0"?><d:mkcol xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav"><d:set><d:prop><d:resourcetype><d:collection/><card:addressbook/></d:resourcetype><d:displayname>${xml(name)}</d:displayname></d:prop></d:set></d:mkcol>`;
    await send(server, 'MKCOL', url, body);
    return;
  }
  const component = which === 'calendar' ? 'VEVENT' : 'VTODO';
  const body = `<?xml version="1.0"?><c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop><d:displayname>${xml(name)}</d:displayname><c:supported-calendar-component-set><c:comp name="${component}"/></c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>`;
  await send(server, 'MKCALENDAR', url, body);
}

let seeded = 0;
const seedUrl = (server: RunningDavServer, which: DefaultCollection) => `${which === 'contacts' ? server.homes.carddav : server.homes.caldav}seed-${(seeded += 1)}/`;

const put = (server: RunningDavServer, url: string, text: string, contentType: string) => send(server, 'PUT', url, text, { 'content-type': contentType });

export async function seedCalendarCollections(server: RunningDavServer, calendars: readonly { name: string; isDefault?: boolean; events: CalendarEvent[] }[]): Promise<void> {
  await resetAccount(server, 'calendar');
  for (const calendar of calendars) {
    const url = calendar.isDefault ? defaultCollectionUrl(server, 'calendar') : seedUrl(server, 'calendar');
    if (!calendar.isDefault) await makeCollection(server, url, 'calendar', calendar.name);
    const series = new Map<string, CalendarEvent[]>();
    for (const event of calendar.events) series.set(event.uid, [...(series.get(event.uid) ?? []), event]);
    let n = 0;
    for (const events of series.values()) await put(server, `${url}event-${(n += 1)}.ics`, writeCalendarFile({}, events), 'text/calendar');
  }
}

export async function seedTaskCollections(server: RunningDavServer, lists: readonly { name: string; isDefault?: boolean; tasks: Task[] }[]): Promise<void> {
  await resetAccount(server, 'tasks');
  for (const list of lists) {
    const url = list.isDefault ? defaultCollectionUrl(server, 'tasks') : seedUrl(server, 'tasks');
    if (!list.isDefault) await makeCollection(server, url, 'tasks', list.name);
    let n = 0;
    for (const task of list.tasks) await put(server, `${url}task-${(n += 1)}.ics`, writeTaskFile({}, [task]), 'text/calendar');
  }
}

export async function seedAddressBook(server: RunningDavServer, entries: readonly VCardEntry[]): Promise<void> {
  await resetAccount(server, 'contacts');
  const url = defaultCollectionUrl(server, 'contacts');
  let n = 0;
  // One NICKNAME per nickname, as most clients write them (Radicale keeps only the first value of a multi-valued one).
  for (const { contact, photo } of entries) {
    const text = contactResourceText(contact, photo && 'bytes' in photo ? photo : undefined);
    await put(server, `${url}card-${(n += 1)}.vcf`, text, 'text/vcard');
  }
}
