/**
 * WebDAV's XML (RFC 4918) as CalDAV and CardDAV servers answer it: a multistatus read into one record per
 * resource, namespaces dropped (every property Ferry reads has a local name no other namespace reuses),
 * and request bodies written with the namespaces each server expects.
 */
import { XMLParser } from 'fast-xml-parser';

/** Elements that may repeat, read as arrays even when a server sends one. */
const REPEATED = new Set(['response', 'propstat', 'href', 'comp', 'supported-report', 'address-data-type', 'calendar-user-address-set']);

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: false,
  // Numeric character references (&#13; in calendar data) are decoded too.
  htmlEntities: true,
  isArray: (name) => REPEATED.has(name),
});

export type XmlNode = string | { [name: string]: XmlValue };
export type XmlValue = XmlNode | XmlNode[] | undefined;

/** One `<response>`: its href as sent, its status when the response carries one, the properties found (200). */
export interface DavResource {
  href: string;
  status?: number;
  props: Record<string, XmlValue>;
}

export interface Multistatus {
  resources: DavResource[];
  /** RFC 6578: the collection's sync-token after this report. */
  syncToken?: string;
}

const statusCode = (line: unknown): number | undefined => {
  const match = typeof line === 'string' ? /HTTP\/[\d.]+\s+(\d{3})/.exec(line) : null;
  return match ? Number(match[1]) : undefined;
};

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** The text of an element (`<a>x</a>`, or an element holding only text and attributes). */
export function textOf(value: XmlValue): string | undefined {
  const node = Array.isArray(value) ? value[0] : value;
  if (typeof node === 'string') return node;
  if (node && typeof node === 'object' && typeof node['#text'] === 'string') return node['#text'];
  return undefined;
}

/** The `<href>` values inside a property (current-user-principal, calendar-home-set…). */
export function hrefsOf(value: XmlValue): string[] {
  return asArray(value).flatMap((node) => (node && typeof node === 'object' ? asArray(node.href).map((h) => textOf(h)?.trim() ?? '') : [])).filter(Boolean);
}

/** Names of the child elements of a property (resourcetype's `collection`, `calendar`, `addressbook`). */
export function childNames(value: XmlValue): string[] {
  return asArray(value).flatMap((node) => (node && typeof node === 'object' ? Object.keys(node).filter((k) => !k.startsWith('@') && k !== '#text') : []));
}

/** `name` attributes of `<comp>` children (supported-calendar-component-set), upper case. */
export function componentNames(value: XmlValue): string[] {
  return asArray(value).flatMap((node) =>
    node && typeof node === 'object' ? asArray(node.comp).flatMap((c) => (c && typeof c === 'object' && typeof c['@name'] === 'string' ? [c['@name'].toUpperCase()] : [])) : [],
  );
}

/** Report names a collection offers (supported-report-set), e.g. `sync-collection`. */
export function reportNames(value: XmlValue): string[] {
  return asArray(value).flatMap((node) =>
    node && typeof node === 'object'
      ? asArray(node['supported-report']).flatMap((s) => (s && typeof s === 'object' ? childNames(s.report) : []))
      : [],
  );
}

/** Reads a 207 Multi-Status body; throws an Error naming what came instead. */
export function parseMultistatus(text: string): Multistatus {
  const root = parser.parse(text) as Record<string, XmlValue>;
  // An empty `<multistatus/>` (nothing matched) reads as an empty string.
  const multistatus = root.multistatus === '' ? {} : root.multistatus;
  if (multistatus === undefined || typeof multistatus !== 'object' || Array.isArray(multistatus)) {
    throw new Error(`the answer is not a WebDAV multistatus (it starts "${text.trim().slice(0, 60)}")`);
  }
  const resources = asArray(multistatus.response).flatMap((node): DavResource[] => {
    if (!node || typeof node !== 'object') return [];
    const href = textOf(asArray(node.href)[0])?.trim();
    if (!href) return [];
    const props: Record<string, XmlValue> = {};
    for (const propstat of asArray(node.propstat)) {
      if (!propstat || typeof propstat !== 'object' || statusCode(textOf(propstat.status)) !== 200) continue;
      const prop = propstat.prop;
      if (prop && typeof prop === 'object' && !Array.isArray(prop)) Object.assign(props, prop);
    }
    const status = statusCode(textOf(node.status));
    return [status === undefined ? { href, props } : { href, status, props }];
  });
  const syncToken = textOf(multistatus['sync-token'])?.trim();
  return syncToken ? { resources, syncToken } : { resources };
}

/** The precondition a server names in an error body (`no-uid-conflict`, `valid-calendar-data`), if any. */
export function preconditionOf(text: string): string | undefined {
  try {
    const root = parser.parse(text) as Record<string, XmlValue>;
    const names = childNames(root.error);
    return names[0];
  } catch {
    return undefined;
  }
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Namespaces every request body declares, with the prefixes `prop` names use. */
export const NAMESPACES = 'xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:card="urn:ietf:params:xml:ns:carddav" xmlns:cs="http://calendarserver.org/ns/" xmlns:a="http://apple.com/ns/ical/"';

/** A PROPFIND body asking for these prefixed properties (`d:displayname`, `c:calendar-home-set`). */
export function propfindBody(props: readonly string[]): string {
  return `<?xml version="1.0" encoding="utf-8"?><d:propfind ${NAMESPACES}><d:prop>${props.map((p) => `<${p}/>`).join('')}</d:prop></d:propfind>`;
}
