/**
 * One item, one resource, named after its UID: what calendar events, tasks and contacts share on import.
 * A create never replaces anything (If-None-Match: *); a resource already there under that name is the one an
 * earlier run made; one the server keeps under another name is found by its UID. Per-item results as the
 * contract wants them, the whole batch failing only when every item failed alike.
 */
import { AdapterError, type AdapterContext, type ImportItem, type ImportResult, type ItemData, type LostField } from '../../../model/adapter';
import { serverName } from '../client';
import type { DavKind } from './discovery';
import { queryByUid } from './query';
import { putResource, readResource, resourceName } from './write';

export interface ResourceKind {
  kind: DavKind;
  /** The component a query filters on: VEVENT, VTODO, VCARD. */
  component: string;
  extension: 'ics' | 'vcf';
  contentType: string;
  /** The UIDs a resource's text holds, to tell an exact match from a substring one. */
  uidsOf(text: string): string[];
  /** "event", "task", "contact", for messages. */
  noun: string;
}

export interface WrittenResource {
  url: string;
  etag?: string;
}

export async function resourceUrl(collectionUrl: string, uid: string, spec: ResourceKind): Promise<string> {
  return `${collectionUrl}${await resourceName(uid, spec.extension)}`;
}

/** The resource that holds this UID in the collection, if any. */
export async function findResource(ctx: AdapterContext, collectionUrl: string, uid: string, spec: ResourceKind): Promise<WrittenResource | undefined> {
  const url = await resourceUrl(collectionUrl, uid, spec);
  const what = `looking for the ${spec.noun} ${uid}`;
  const named = await readResource(ctx, url, what);
  if (named) return named.etag ? { url, etag: named.etag } : { url };
  const found = (await queryByUid(ctx, collectionUrl, spec.kind, uid, spec.component, what)).find((r) => spec.uidsOf(r.data).includes(uid));
  if (!found) return undefined;
  return found.etag ? { url: found.url, etag: found.etag } : { url: found.url };
}

/** Writes a new resource for this UID, or finds the one already there (idempotent by UID). */
export async function createResource(ctx: AdapterContext, collectionUrl: string, uid: string, text: string, spec: ResourceKind): Promise<WrittenResource> {
  const url = await resourceUrl(collectionUrl, uid, spec);
  const outcome = await putResource(ctx, url, text, spec.contentType, { create: true }, `saving the ${spec.noun} ${uid}`);
  if (outcome.status === 'written') return outcome.etag ? { url, etag: outcome.etag } : { url };
  if (outcome.status === 'exists') return { url };
  const found = await findResource(ctx, collectionUrl, uid, spec);
  if (found) return found;
  throw new AdapterError(
    `${serverName(collectionUrl)} says it already holds a ${spec.noun} with the UID ${uid} in this collection but does not show it to Ferry; it may be in the server's bin. Remove it there, then run the transfer again.`,
    'skip',
    { status: 409, providerCode: 'no-uid-conflict' },
  );
}

type Write<T extends ItemData> = (item: ImportItem<T>) => Promise<{ destinationId: string; lost?: LostField[] }>;

/** One item's result: what `write` gave, or its error (an unexpected one becomes a skip naming the item). */
export async function resultOf<T extends ItemData>(item: ImportItem<T>, write: Write<T>): Promise<ImportResult> {
  try {
    const { destinationId, lost } = await write(item);
    return lost?.length ? { key: item.key, ok: true, destinationId, lost } : { key: item.key, ok: true, destinationId };
  } catch (error) {
    if (error instanceof AdapterError) return { key: item.key, ok: false, error };
    return { key: item.key, ok: false, error: new AdapterError(`Ferry could not write "${item.title}": ${(error as Error).message}`, 'skip') };
  }
}

/** Runs `write` for every item side by side. */
export async function settle<T extends ItemData>(items: readonly ImportItem<T>[], write: Write<T>): Promise<ImportResult[]> {
  const results = await Promise.all(items.map((item) => resultOf(item, write)));
  throwWhenAllFailed(results);
  return results;
}

/** The whole batch failed when every item failed alike: a fatal error stops the job, all-retry backs off. */
export function throwWhenAllFailed(results: ImportResult[]): void {
  const errors = results.flatMap((r) => (r.ok ? [] : [r.error]));
  const fatal = errors.find((e) => e.errorClass === 'fatal');
  if (fatal) throw fatal;
  if (errors.length && errors.length === results.length && errors.every((e) => e.errorClass === 'retry')) {
    const wait = Math.max(0, ...errors.map((e) => e.details.retryAfterMs ?? 0));
    const first = errors[0]!;
    throw new AdapterError(first.message, 'retry', { ...first.details, ...(wait ? { retryAfterMs: wait } : {}) });
  }
}
