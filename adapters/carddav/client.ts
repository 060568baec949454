/**
 * CardDAV speaks WebDAV as CalDAV does: the requests, the classification of refusals, discovery and the
 * collection plumbing live in adapters/caldav (client.ts and webdav/), and this is CardDAV's door to them.
 */
export { davError, davRequest, serverName } from '../caldav/client';
export { accountOf, type DavAccount } from '../caldav/webdav/discovery';
export { ensureCollection, resourceKey } from '../caldav/collections';
export { createResource, findResource, settle, type ResourceKind } from '../caldav/webdav/resources';
export { DavCollectionExporter } from '../caldav/collection-export';
