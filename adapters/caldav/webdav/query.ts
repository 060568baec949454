/**
 * Finding a resource by the UID inside it, for one a server keeps under a name Ferry did not give it
 * (calendar-query, RFC 4791 §7.8; addressbook-query, RFC 6352 §8.6). text-match matches substrings, so
 * each answer is checked for the exact UID by the caller.
 */
import type { AdapterContext } from '../../../model/adapter';
import { absoluteHref, davMultistatus } from '../client';
import type { DavKind } from './discovery';
import { NAMESPACES, escapeXml, textOf } from './xml';

export interface FoundResource {
  url: string;
  etag?: string;
  data: string;
}

function queryBody(kind: DavKind, uid: string, component: string): string {
  const match = `<PREFIX:prop-filter name="UID"><PREFIX:text-match collation="i;octet">${escapeXml(uid)}</PREFIX:text-match></PREFIX:prop-filter>`;
  if (kind === 'caldav') {
    const filter = `<c:comp-filter name="VCALENDAR"><c:comp-filter name="${component}">${match.replaceAll('PREFIX', 'c')}</c:comp-filter></c:comp-filter>`;
    return `<?xml version="1.0" encoding="utf-8"?><c:calendar-query ${NAMESPACES}><d:prop><d:getetag/><c:calendar-data/></d:prop><c:filter>${filter}</c:filter></c:calendar-query>`;
  }
  return `<?xml version="1.0" encoding="utf-8"?><card:addressbook-query ${NAMESPACES}><d:prop><d:getetag/><card:address-data/></d:prop><card:filter>${match.replaceAll('PREFIX', 'card')}</card:filter></card:addressbook-query>`;
}

/** Resources in the collection whose UID contains `uid` (the caller keeps the exact ones). */
export async function queryByUid(ctx: AdapterContext, collectionUrl: string, kind: DavKind, uid: string, component: string, what: string): Promise<FoundResource[]> {
  const found = await davMultistatus(ctx, 'REPORT', collectionUrl, what, { depth: '1', body: queryBody(kind, uid, component) });
  return found.resources.flatMap((r): FoundResource[] => {
    const data = textOf(r.props['calendar-data'] ?? r.props['address-data']);
    if (!data) return [];
    const etag = textOf(r.props.getetag)?.trim();
    const url = absoluteHref(r.href, found.url);
    return [etag ? { url, etag, data } : { url, data }];
  });
}
