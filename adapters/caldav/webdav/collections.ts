/**
 * The collections in a calendar or address book home (one PROPFIND, Depth 1), the members of one collection
 * (sync-collection, RFC 6578, where the server offers it, else PROPFIND Depth 1), and their content in pages
 * (calendar-multiget, RFC 4791 §7.9; addressbook-multiget, RFC 6352 §8.7).
 */
import ICAL from 'ical.js';
import type { AdapterContext } from '../../../model/adapter';
import { resolveZoneName } from '../../../model/ics-time-zones';
import { absoluteHref, davMultistatus } from '../client';
import type { DavKind } from './discovery';
import { NAMESPACES, childNames, componentNames, escapeXml, propfindBody, reportNames, textOf } from './xml';

export interface DavCollection {
  /** Absolute URL, ending in `/`. */
  url: string;
  name: string;
  description?: string;
  /** `#rrggbb` */
  color?: string;
  /** IANA zone (calendar-timezone-id, or the TZID of calendar-timezone). */
  timeZone?: string;
  /** Components a calendar takes (VEVENT, VTODO…); empty for an address book. */
  components: string[];
  /** Reports the collection offers (`sync-collection`, `calendar-multiget`…). */
  reports: string[];
}

export interface DavMember {
  url: string;
  etag?: string;
}

export interface DavObject extends DavMember {
  /** The iCalendar or vCard text. */
  data: string;
}

const COLLECTION_PROPS = [
  'd:resourcetype',
  'd:displayname',
  'd:supported-report-set',
  'a:calendar-color',
  'c:supported-calendar-component-set',
  'c:calendar-description',
  'c:calendar-timezone',
  'c:calendar-timezone-id',
  'card:addressbook-description',
];

const MULTIGET_PAGE = 100;

function zoneOfVtimezone(text: string | undefined): string | undefined {
  if (!text?.trim()) return undefined;
  try {
    const root = new ICAL.Component(ICAL.parse(text) as unknown[]);
    const tzid = root.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid');
    return typeof tzid === 'string' ? resolveZoneName(tzid) : undefined;
  } catch {
    return undefined;
  }
}

const colorOf = (value: string | undefined): string | undefined => {
  const match = value && /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(value.trim());
  return match ? `#${match[1]!.toLowerCase()}` : undefined;
};

/** The last path segment, for a collection that names no displayname. */
const lastSegment = (url: string): string => decodeURIComponent(new URL(url).pathname.replace(/\/$/, '').split('/').pop() ?? '');

/** Every calendar (or address book) directly inside the home, in URL order. */
export async function listCollections(ctx: AdapterContext, home: string, kind: DavKind): Promise<DavCollection[]> {
  const what = kind === 'caldav' ? 'listing your calendars' : 'listing your address books';
  const found = await davMultistatus(ctx, 'PROPFIND', home, what, { depth: '1', body: propfindBody(COLLECTION_PROPS) });
  const wanted = kind === 'caldav' ? 'calendar' : 'addressbook';
  return found.resources
    .filter((r) => childNames(r.props.resourcetype).includes(wanted))
    .map((r): DavCollection => {
      const url = absoluteHref(r.href, found.url);
      const collection: DavCollection = {
        url: url.endsWith('/') ? url : `${url}/`,
        name: textOf(r.props.displayname)?.trim() || lastSegment(url),
        components: kind === 'caldav' ? componentNames(r.props['supported-calendar-component-set']) : [],
        reports: reportNames(r.props['supported-report-set']),
      };
      const description = textOf(r.props['calendar-description'] ?? r.props['addressbook-description'])?.trim();
      if (description) collection.description = description;
      const color = colorOf(textOf(r.props['calendar-color']));
      if (color) collection.color = color;
      const zoneId = textOf(r.props['calendar-timezone-id'])?.trim();
      const timeZone = (zoneId && resolveZoneName(zoneId)) || zoneOfVtimezone(textOf(r.props['calendar-timezone']));
      if (timeZone) collection.timeZone = timeZone;
      return collection;
    })
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

/** A calendar takes a component when it says so, or says nothing (RFC 4791 §5.2.3: then it takes any). */
export const takes = (collection: DavCollection, component: string): boolean => collection.components.length === 0 || collection.components.includes(component);

const SYNC_BODY = `<?xml version="1.0" encoding="utf-8"?><d:sync-collection ${NAMESPACES}><d:sync-token/><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>`;

/** The resources in a collection (not sub-collections), in URL order; `what` names the collection in messages. */
export async function listMembers(ctx: AdapterContext, collection: DavCollection, what: string): Promise<DavMember[]> {
  const found = collection.reports.includes('sync-collection')
    ? await davMultistatus(ctx, 'REPORT', collection.url, what, { depth: '0', body: SYNC_BODY })
    : await davMultistatus(ctx, 'PROPFIND', collection.url, what, { depth: '1', body: propfindBody(['d:resourcetype', 'd:getetag']) });
  const members = found.resources
    .filter((r) => (r.status === undefined || r.status === 200) && !childNames(r.props.resourcetype).includes('collection'))
    .map((r): DavMember => {
      const member: DavMember = { url: absoluteHref(r.href, found.url) };
      const etag = textOf(r.props.getetag)?.trim();
      if (etag) member.etag = etag;
      return member;
    })
    .filter((m) => m.url !== collection.url && !m.url.endsWith('/'));
  return members.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

/** The same URL however a server spells its path (`@` or `%40`). */
export const sameResource = (a: string, b: string): boolean => {
  const norm = (u: string) => {
    const url = new URL(u);
    return `${url.origin}${decodeURIComponent(url.pathname)}`;
  };
  return norm(a) === norm(b);
};

const MULTIGET: Record<DavKind, { report: string; data: string; prop: string }> = {
  caldav: { report: 'c:calendar-multiget', data: 'c:calendar-data', prop: 'calendar-data' },
  carddav: { report: 'card:addressbook-multiget', data: 'card:address-data', prop: 'address-data' },
};

/** The content of these members, fetched 100 at a time; a member the server no longer has is left out. */
export async function fetchObjects(ctx: AdapterContext, collection: DavCollection, members: readonly DavMember[], kind: DavKind, what: string): Promise<DavObject[]> {
  const { report, data, prop } = MULTIGET[kind];
  const objects: DavObject[] = [];
  for (let i = 0; i < members.length; i += MULTIGET_PAGE) {
    const chunk = members.slice(i, i + MULTIGET_PAGE);
    const hrefs = chunk.map((m) => `<d:href>${escapeXml(new URL(m.url).pathname)}</d:href>`).join('');
    const body = `<?xml version="1.0" encoding="utf-8"?><${report} ${NAMESPACES}><d:prop><d:getetag/><${data}/></d:prop>${hrefs}</${report}>`;
    const found = await davMultistatus(ctx, 'REPORT', collection.url, what, { depth: '1', body });
    for (const member of chunk) {
      const resource = found.resources.find((r) => sameResource(absoluteHref(r.href, found.url), member.url));
      const text = resource && textOf(resource.props[prop]);
      if (!text) continue;
      const etag = textOf(resource.props.getetag)?.trim() ?? member.etag;
      objects.push(etag ? { url: member.url, etag, data: text } : { url: member.url, data: text });
    }
  }
  return objects;
}
