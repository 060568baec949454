/**
 * Imports events into CalDAV calendars. A series is one resource (RFC 4791 §4.1): its master is written
 * first, named after its UID; each override is then added to that resource (or, cancelled, becomes an
 * EXDATE on its master) with If-Match on the ETag last seen, re-reading it when someone changed it between.
 */
import { AdapterError, type AdapterContext, type Container, type ImportItem, type ImportResult, type Importer, type LostField } from '../../../model/adapter';
import type { CalendarEvent } from '../../../model/calendar';
import { ensureCollection } from '../collections';
import { accountOf } from '../webdav/discovery';
import { createResource, findResource, resourceUrl, resultOf, throwWhenAllFailed, type ResourceKind } from '../webdav/resources';
import { putResource, readResource } from '../webdav/write';
import { asOverride, withMatchingEnd, eventsOfResource, holdsOverride, recurrenceKey, resourceText, withOverride } from './map';

export const EVENT_RESOURCE: ResourceKind = {
  kind: 'caldav',
  component: 'VEVENT',
  extension: 'ics',
  contentType: 'text/calendar; charset=utf-8',
  uidsOf: (text) => eventsOfResource(text).events.map((e) => e.uid),
  noun: 'event',
};

/** Tries at writing an override when the series keeps changing under Ferry (each try re-reads it). */
const OVERRIDE_TRIES = 3;

interface Series {
  events: CalendarEvent[];
  etag?: string;
}

export class CalDavCalendarImporter implements Importer {
  readonly dataType = 'calendar' as const;
  /** Series Ferry wrote or read, with the ETag it got: the next override of the series needs no read. */
  private readonly series = new Map<string, Series>();

  constructor(private readonly ctx: AdapterContext) {}

  async ensureContainer(container: Container): Promise<string> {
    const account = await accountOf(this.ctx, 'caldav');
    return ensureCollection(this.ctx, account, 'caldav', container, 'VEVENT');
  }

  async importBatch(items: ImportItem[]): Promise<ImportResult[]> {
    const events = items as ImportItem<CalendarEvent>[];
    // Items of one series go one after another (they write the same resource); series go side by side.
    const bySeries = new Map<string, ImportItem<CalendarEvent>[]>();
    for (const item of events) {
      const target = await this.seriesUrl(item);
      bySeries.set(target, [...(bySeries.get(target) ?? []), item]);
    }
    const done = new Map<string, ImportResult>();
    await Promise.all(
      [...bySeries.values()].map(async (group) => {
        const ordered = [...group.filter((i) => !i.data.recurrenceId), ...group.filter((i) => i.data.recurrenceId)];
        for (const item of ordered) done.set(item.key, await resultOf(item, (i) => this.write(i)));
      }),
    );
    const results = events.map((item) => done.get(item.key)!);
    throwWhenAllFailed(results);
    return results;
  }

  /** The resource a series lives in: the master's (the parent's destination id), else the one its UID names. */
  private async seriesUrl(item: ImportItem<CalendarEvent>): Promise<string> {
    if (item.data.recurrenceId && item.parentId) return item.parentId.split('#')[0]!;
    return resourceUrl(item.containerId, uidOf(item), EVENT_RESOURCE);
  }

  private async write(item: ImportItem<CalendarEvent>): Promise<{ destinationId: string; lost?: LostField[] }> {
    const { event, lost: endLost } = withMatchingEnd({ ...item.data, uid: uidOf(item) });
    if (!event.recurrenceId) {
      const written = await createResource(this.ctx, item.containerId, event.uid, resourceText([event]), EVENT_RESOURCE);
      this.series.set(written.url, written.etag ? { events: [event], etag: written.etag } : { events: [event] });
      return endLost.length ? { destinationId: written.url, lost: endLost } : { destinationId: written.url };
    }
    const { event: occurrence, lost: overrideLost } = asOverride(event);
    const lost = [...endLost, ...overrideLost];
    const url = await this.seriesUrl(item);
    const destinationId = `${url}#${recurrenceKey(event.recurrenceId)}`;
    const done = lost.length ? { destinationId, lost } : { destinationId };
    for (let attempt = 0; attempt < OVERRIDE_TRIES; attempt += 1) {
      const series = (attempt === 0 && this.series.get(url)) || (await this.readSeries(url));
      if (!series) {
        const outcome = await putResource(this.ctx, url, resourceText([occurrence]), EVENT_RESOURCE.contentType, { create: true }, `saving "${event.title}"`).catch((error: unknown) => {
          throw withoutMaster(error, event);
        });
        if (outcome.status === 'written') {
          this.series.set(url, outcome.etag ? { events: [occurrence], etag: outcome.etag } : { events: [occurrence] });
          return done;
        }
        continue;
      }
      if (holdsOverride(series.events, occurrence)) return done;
      const updated = withOverride(series.events, occurrence);
      const outcome = await putResource(this.ctx, url, resourceText(updated), EVENT_RESOURCE.contentType, { etag: series.etag }, `adding "${event.title}" to its series`).catch(
        (error: unknown) => {
          throw series.events.some((e) => !e.recurrenceId) ? error : withoutMaster(error, event);
        },
      );
      if (outcome.status === 'written') {
        this.series.set(url, outcome.etag ? { events: updated, etag: outcome.etag } : { events: updated });
        return done;
      }
      this.series.delete(url);
    }
    throw new AdapterError(`The series of "${event.title}" kept changing at the server while Ferry added this occurrence to it; Ferry will try again.`, 'retry');
  }

  private async readSeries(url: string): Promise<Series | undefined> {
    const read = await readResource(this.ctx, url, 'reading a series');
    if (!read) return undefined;
    const series: Series = read.etag ? { events: eventsOfResource(read.text).events, etag: read.etag } : { events: eventsOfResource(read.text).events };
    this.series.set(url, series);
    return series;
  }

  async lookup(items: ImportItem[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const item of items as ImportItem<CalendarEvent>[]) {
      const event = item.data;
      if (!event.recurrenceId) {
        const resource = await findResource(this.ctx, item.containerId, uidOf(item), EVENT_RESOURCE);
        if (resource) found.set(item.key, resource.url);
        continue;
      }
      const url = await this.seriesUrl(item);
      const series = await this.readSeries(url);
      if (series && holdsOverride(series.events, event)) found.set(item.key, `${url}#${recurrenceKey(event.recurrenceId)}`);
    }
    return found;
  }
}

/**
 * A series whose main event is not at the server holds changed occurrences only, which RFC 4791 allows but
 * some servers refuse (Radicale: "Main component missing"); the occurrence is then skipped saying so.
 */
function withoutMaster(error: unknown, event: CalendarEvent): unknown {
  if (!(error instanceof AdapterError) || error.errorClass !== 'skip') return error;
  const at = event.recurrenceId!;
  const when = 'date' in at ? at.date : at.dateTime;
  return new AdapterError(
    `The server refused this changed occurrence (${when}) of a series whose main event is not there: it keeps no occurrence without its series (${error.details.providerMessage ?? error.message}).`,
    'skip',
    error.details,
  );
}

/** An event without a UID (some sources have none) takes its source key, which is as stable. */
const uidOf = (item: ImportItem<CalendarEvent>): string => item.data.uid || item.key;
