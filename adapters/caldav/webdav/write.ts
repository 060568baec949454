/**
 * Writing to a CalDAV or CardDAV server: collections made with MKCALENDAR (RFC 4791 §5.3.1) or extended MKCOL
 * (RFC 5689, for address books), resources named after their UID and written with ETag preconditions, so a
 * second write of the same UID never makes a second resource and an update never overwrites a newer one.
 */
import type { AdapterContext } from '../../../model/adapter';
import { vtimezoneText } from '../../../model/ics-time-zones';
import { davError, davRequest, etagOf } from '../client';
import type { DavKind } from './discovery';
import { NAMESPACES, escapeXml, preconditionOf } from './xml';

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A resource name for a UID: the UID itself when it is plain (letters, digits, `.`, `_`, `-`), else a hash of
 * it, since servers and proxies disagree on how to read `/`, `%`, `+` or spaces in a path.
 */
export async function resourceName(uid: string, extension: 'ics' | 'vcf'): Promise<string> {
  const plain = /^[A-Za-z0-9][A-Za-z0-9._-]{0,150}$/.test(uid) && !/\.(ics|vcf)$/i.test(uid);
  return `${plain ? uid : (await sha256Hex(uid)).slice(0, 40)}.${extension}`;
}

/**
 * Where Ferry makes the collection named `name` for this component: the same place on every run, so a second
 * run finds it (a calendar and a task list of the same name get different places).
 */
export async function collectionUrl(home: string, name: string, component = ''): Promise<string> {
  const slug = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 40);
  return `${home}ferry-${slug ? `${slug}-` : ''}${(await sha256Hex(`${component}/${name}`)).slice(0, 8)}/`;
}

export interface NewCollection {
  name: string;
  description?: string;
  color?: string;
  timeZone?: string;
  /** VEVENT or VTODO, for a calendar. */
  component?: string;
}

function collectionProps(kind: DavKind, c: NewCollection): string {
  const props = [`<d:displayname>${escapeXml(c.name)}</d:displayname>`];
  if (kind === 'carddav') {
    props.push('<d:resourcetype><d:collection/><card:addressbook/></d:resourcetype>');
    if (c.description) props.push(`<card:addressbook-description>${escapeXml(c.description)}</card:addressbook-description>`);
    return props.join('');
  }
  if (c.description) props.push(`<c:calendar-description>${escapeXml(c.description)}</c:calendar-description>`);
  if (c.color) props.push(`<a:calendar-color>${escapeXml(c.color)}</a:calendar-color>`);
  if (c.component) props.push(`<c:supported-calendar-component-set><c:comp name="${c.component}"/></c:supported-calendar-component-set>`);
  const zone = c.timeZone && vtimezoneText(c.timeZone);
  if (zone) props.push(`<c:calendar-timezone>${escapeXml(`BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Ferry//Ferry//EN\r\n${zone.trim()}\r\nEND:VCALENDAR\r\n`)}</c:calendar-timezone>`);
  return props.join('');
}

/**
 * Makes the collection at `url`. A server that already has one there answers 405 (RFC 4791 §5.3.1.2):
 * that is the one made by an earlier run, and it is used.
 */
export async function makeCollection(ctx: AdapterContext, url: string, kind: DavKind, c: NewCollection): Promise<string> {
  const what = `creating the ${kind === 'caldav' ? 'calendar' : 'address book'} "${c.name}"`;
  const body =
    kind === 'caldav'
      ? `<?xml version="1.0" encoding="utf-8"?><c:mkcalendar ${NAMESPACES}><d:set><d:prop>${collectionProps(kind, c)}</d:prop></d:set></c:mkcalendar>`
      : `<?xml version="1.0" encoding="utf-8"?><d:mkcol ${NAMESPACES}><d:set><d:prop>${collectionProps(kind, c)}</d:prop></d:set></d:mkcol>`;
  await davRequest(ctx, kind === 'caldav' ? 'MKCALENDAR' : 'MKCOL', url, what, { body, accept: [405] });
  return url;
}

export type PutOutcome = { status: 'written'; etag?: string } | { status: 'exists' } | { status: 'changed' } | { status: 'uid-conflict' };

/**
 * PUT with a precondition: `create` (If-None-Match: *) never replaces a resource, `etag` (If-Match) replaces
 * only the version read. 412 is `exists` for a create and `changed` for an update; a server that keeps
 * this UID under another name says so with the no-uid-conflict precondition (RFC 4791 §5.3.2.1, RFC 6352 §6.3.2.1).
 */
export async function putResource(
  ctx: AdapterContext,
  url: string,
  text: string,
  contentType: string,
  condition: { create: true } | { etag: string | undefined },
  what: string,
): Promise<PutOutcome> {
  // A server that gave no ETag when the resource was read leaves nothing to compare: the write is unconditional.
  const headers: Record<string, string> = 'create' in condition ? { 'if-none-match': '*' } : condition.etag ? { 'if-match': condition.etag } : {};
  const answer = await davRequest(ctx, 'PUT', url, what, { body: text, contentType, headers, accept: [403, 409, 412] });
  if (answer.status === 412) return 'create' in condition ? { status: 'exists' } : { status: 'changed' };
  if (answer.status === 403 || answer.status === 409) {
    if (preconditionOf(answer.text) === 'no-uid-conflict') return { status: 'uid-conflict' };
    throw davError(answer.status, answer.text, url, what);
  }
  const etag = etagOf(answer.headers);
  return etag ? { status: 'written', etag } : { status: 'written' };
}

/** A resource's text and ETag, or undefined when there is none at `url`. */
export async function readResource(ctx: AdapterContext, url: string, what: string): Promise<{ text: string; etag?: string } | undefined> {
  const answer = await davRequest(ctx, 'GET', url, what, { accept: [404, 410] });
  if (answer.status === 404 || answer.status === 410) return undefined;
  const etag = etagOf(answer.headers);
  return etag ? { text: answer.text, etag } : { text: answer.text };
}
