/**
 * Which calendar holds what, shared by the calendar and tasks data types (CardDAV's address books too): the
 * account's default collection, the keys of collections, and finding or making a destination collection.
 */
import type { AdapterContext, Container, DataType } from '../../model/adapter';
import { listCollections, takes, type DavCollection } from './webdav/collections';
import type { DavAccount, DavKind } from './webdav/discovery';
import { collectionUrl, makeCollection } from './webdav/write';

/** `<provider>:<account>:<dataType>:container:<collection URL>` (the URL is the destination id an import gives it). */
export const collectionKey = (provider: string, account: string, dataType: DataType, url: string): string =>
  `${provider}:${account}:${dataType}:container:${url}`;

/** `<provider>:<account>:<dataType>:<resource path>` (plus `#…` for one of several items in a resource). */
export const resourceKey = (provider: string, account: string, dataType: DataType, url: string, fragment?: string): string =>
  `${provider}:${account}:${dataType}:${new URL(url).pathname}${fragment ? `#${fragment}` : ''}`;

const madeByFerry = (account: DavAccount, collection: DavCollection): boolean => collection.url.startsWith(`${account.home}ferry-`);

/**
 * The account's own default: the server's schedule-default-calendar-URL when it names one that takes the
 * component, else the first collection the server made (Ferry's own come last), in URL order.
 */
export function defaultCollection(account: DavAccount, collections: readonly DavCollection[], component?: string): DavCollection | undefined {
  const fitting = collections.filter((c) => !component || takes(c, component));
  const named = account.defaultCalendar && fitting.find((c) => c.url === account.defaultCalendar);
  return named || fitting.find((c) => !madeByFerry(account, c)) || fitting[0];
}

/** Collections of the home that hold this component (all address books for CardDAV). */
export async function collectionsFor(ctx: AdapterContext, account: DavAccount, kind: DavKind, component?: string): Promise<DavCollection[]> {
  const all = await listCollections(ctx, account.home, kind);
  return component ? all.filter((c) => takes(c, component)) : all;
}

/**
 * The destination collection for a source container: the default for the default, else one with the same
 * display name, else one Ferry makes (at a URL derived from the name, so a crash between making it and
 * recording it still finds it next time).
 */
export async function ensureCollection(ctx: AdapterContext, account: DavAccount, kind: DavKind, container: Container, component?: string): Promise<string> {
  const collections = await collectionsFor(ctx, account, kind, component);
  if (container.isDefault) {
    const own = defaultCollection(account, collections, component);
    if (own) return own.url;
  } else {
    const same = collections.find((c) => c.name === container.name);
    if (same) return same.url;
  }
  const url = await collectionUrl(account.home, container.name, component);
  return makeCollection(ctx, url, kind, {
    name: container.name,
    ...(container.description && { description: container.description }),
    ...(container.color && { color: container.color }),
    ...(container.timeZone && { timeZone: container.timeZone }),
    ...(component && { component }),
  });
}
