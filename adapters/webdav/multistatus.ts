/**
 * A PROPFIND's 207 Multi-Status answer (RFC 4918 §13, §14.16) as plain records: each resource's href and the
 * properties the server returned with 200 (a propstat with 404 means the server does not keep that property).
 * Parsed with fast-xml-parser, as the service worker has no DOMParser; namespace prefixes are dropped, since
 * servers pick their own (`D:`, `d:`, none) and the few names Ferry reads do not collide.
 */
import { XMLParser } from 'fast-xml-parser';

export interface DavResource {
  /** The href as the server sent it (percent-encoded, absolute path or absolute URL). */
  href: string;
  isCollection: boolean;
  contentLength?: number;
  /** getlastmodified, an HTTP-date. */
  lastModified?: string;
  /** creationdate, RFC 3339. */
  creationDate?: string;
  contentType?: string;
  etag?: string;
  /** ownCloud/Nextcloud's oc:checksums: `SHA1:… MD5:… ADLER32:…`. */
  checksums?: string;
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['response', 'propstat', 'checksum'].includes(name),
});

type Node = Record<string, unknown>;

const text = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value || undefined;
  if (typeof value === 'number') return String(value);
  return undefined;
};

function propsOf(response: Node): Node {
  const found: Node = {};
  for (const propstat of (response.propstat as Node[] | undefined) ?? []) {
    if (!/\s2\d\d\s/.test(` ${text(propstat.status) ?? 'HTTP/1.1 200 OK'} `)) continue;
    Object.assign(found, (propstat.prop as Node | undefined) ?? {});
  }
  return found;
}

function resourceOf(response: Node): DavResource | undefined {
  const href = text(response.href);
  if (!href) return undefined;
  const props = propsOf(response);
  const type = props.resourcetype;
  const resource: DavResource = { href, isCollection: typeof type === 'object' && type !== null && 'collection' in type };
  const length = Number(text(props.getcontentlength));
  if (text(props.getcontentlength) !== undefined && Number.isFinite(length)) resource.contentLength = length;
  const lastModified = text(props.getlastmodified);
  if (lastModified) resource.lastModified = lastModified;
  const creationDate = text(props.creationdate);
  if (creationDate) resource.creationDate = creationDate;
  const contentType = text(props.getcontenttype);
  if (contentType) resource.contentType = contentType;
  const etag = text(props.getetag);
  if (etag) resource.etag = etag;
  const checksums = props.checksums as Node | string | undefined;
  const list = typeof checksums === 'object' && checksums !== null ? ((checksums.checksum as unknown[] | undefined) ?? []).map(text).filter(Boolean) : [text(checksums)].filter(Boolean);
  if (list.length) resource.checksums = list.join(' ');
  return resource;
}

/** The resources of a Multi-Status body; throws when the body is not one. */
export function parseMultistatus(xml: string): DavResource[] {
  const doc = parser.parse(xml) as Node;
  const multistatus = doc.multistatus as Node | undefined;
  if (!multistatus || typeof multistatus !== 'object') throw new Error('not a DAV:multistatus document');
  return ((multistatus.response as Node[] | undefined) ?? []).map(resourceOf).filter((r): r is DavResource => r !== undefined);
}

/** The PROPFIND body: only what Ferry reads (servers leave oc:checksums out of allprop). */
export const PROPFIND_BODY =
  '<?xml version="1.0" encoding="utf-8"?>' +
  '<d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns"><d:prop>' +
  '<d:resourcetype/><d:getcontentlength/><d:getlastmodified/><d:creationdate/><d:getcontenttype/><d:getetag/><oc:checksums/>' +
  '</d:prop></d:propfind>';
