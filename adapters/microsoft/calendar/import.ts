/**
 * Imports events into Outlook calendars through $batch. A single event or series master is created once
 * per source key: its `transactionId` is derived from the key (Graph drops a repeated create with the same
 * id) and the key itself is kept in an extended property that `lookup` finds with $filter. A series'
 * removed occurrences (EXDATE) are deleted after the master exists; a changed occurrence is found among
 * the master's instances by its original start and updated in place.
 * https://learn.microsoft.com/graph/api/calendar-post-events, https://learn.microsoft.com/graph/api/event-list-instances
 */
import { AdapterError, type AdapterContext, type Container, type ImportItem, type ImportResult, type Importer, type LostField } from '../../../model/adapter';
import { isAllDay, type CalendarEvent, type EventTime } from '../../../model/calendar';
import { GRAPH_API, graphBatch, graphRequest, isConflict, query, type BatchAnswer, type BatchRequest } from '../client';
import type { GraphCalendar, GraphCollection, GraphEvent } from './api-types';
import { calendarPath, defaultCalendar, listCalendars } from './calendar-list';
import { sourceKeyFilter, sourceKeyProperty } from './extended-properties';
import { toGraphEvent } from './map';
import { instantOf } from '../../../model/wall-time';

const DAY_MS = 86_400_000;
const INSTANCE_FIELDS = 'id,type,originalStart,start,end';

/** A transactionId of the source key: stable across runs, and no longer than Graph needs. */
export async function transactionIdOf(key: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `ferry-${hex.slice(0, 40)}`;
}

/** The instant (ms) a model time names as Ferry writes it to Graph: all-day and floating times in UTC. */
function instantOfTime(time: EventTime): number {
  if (isAllDay(time)) return instantOf(`${time.date}T00:00:00`, 'UTC');
  return instantOf(time.dateTime, time.timeZone ?? 'UTC');
}

const label = (time: EventTime): string => (isAllDay(time) ? time.date : `${time.dateTime}${time.timeZone ? ` ${time.timeZone}` : ''}`);
const isoUtc = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/** An occurrence of a series to find among its instances: around `at`, and whichever of them started at `at`. */
interface OccurrenceQuery {
  seriesId: string;
  at: number;
  /** Further instants the occurrence may have moved to (a changed occurrence's own start and end). */
  alsoAround?: number[];
}

function instancesUrl(q: OccurrenceQuery): string {
  const times = [q.at, ...(q.alsoAround ?? [])];
  const params = query({
    startDateTime: isoUtc(Math.min(...times) - DAY_MS),
    endDateTime: isoUtc(Math.max(...times) + DAY_MS),
    $select: INSTANCE_FIELDS,
  });
  return `${GRAPH_API}/me/events/${encodeURIComponent(q.seriesId)}/instances${params}`;
}

function occurrenceAt(answer: BatchAnswer, at: number): GraphEvent | AdapterError | undefined {
  if (!answer.ok) return answer.error;
  const instances = (answer.body as GraphCollection<GraphEvent> | undefined)?.value ?? [];
  const originalStart = (e: GraphEvent) => Date.parse(e.originalStart ?? (e.start ? `${e.start.dateTime.slice(0, 19)}Z` : ''));
  return instances.find((e) => Math.abs(originalStart(e) - at) < 1000);
}

interface SeriesCreate {
  item: ImportItem<CalendarEvent>;
  lost: LostField[];
  /** Removed occurrences to delete once the master exists (only when its repeat rule was kept). */
  exdates: EventTime[];
  id?: string;
  error?: AdapterError;
}

export class MicrosoftCalendarImporter implements Importer {
  readonly dataType = 'calendar' as const;
  private readonly containers = new Map<string, string>();

  constructor(private readonly ctx: AdapterContext) {}

  async ensureContainer(container: Container): Promise<string> {
    const known = this.containers.get(container.key);
    if (known) return known;
    const id = container.isDefault ? (await defaultCalendar(this.ctx)).id : await this.calendarNamed(container.name);
    this.containers.set(container.key, id);
    return id;
  }

  /** Outlook calendar names are unique per mailbox (case aside), so the name finds the one made before. */
  private async calendarNamed(name: string): Promise<string> {
    const find = async () =>
      (await listCalendars(this.ctx)).find((c) => c.name.toLowerCase() === name.toLowerCase() && c.canEdit !== false);
    const existing = await find();
    if (existing) return existing.id;
    try {
      return (await graphRequest<GraphCalendar>(this.ctx, 'POST', `${GRAPH_API}/me/calendars`, { name })).id;
    } catch (error) {
      // ErrorFolderExists: made meanwhile (an earlier answer that was lost).
      const made = isConflict(error) ? await find() : undefined;
      if (made) return made.id;
      throw error;
    }
  }

  async importBatch(items: ImportItem[]): Promise<ImportResult[]> {
    const events = items as ImportItem<CalendarEvent>[];
    const results = new Map<string, ImportResult>();
    await this.createSeries(events.filter((i) => !i.data.recurrenceId), results);
    await this.changeOccurrences(events.filter((i) => i.data.recurrenceId), results);
    return items.map((i) => results.get(i.key)!);
  }

  private async createSeries(items: ImportItem<CalendarEvent>[], results: Map<string, ImportResult>): Promise<void> {
    if (items.length === 0) return;
    const creates = await Promise.all(items.map((item) => this.prepare(item)));
    const answers = await graphBatch(this.ctx, creates.map((c, i) => ({ id: String(i), method: 'POST', url: `${calendarPath(c.item.containerId)}/events`, body: c.body })));
    const conflicts: SeriesCreate[] = [];
    creates.forEach((create, i) => {
      const answer = answers[i]!;
      if (answer.ok) create.state.id = (answer.body as GraphEvent).id;
      else if (isDuplicate(answer)) conflicts.push(create.state);
      else create.state.error = answer.error;
    });
    await this.resolveConflicts(conflicts);
    const states = creates.map((c) => c.state);
    await this.removeOccurrences(states.filter((s) => s.id && s.exdates.length));
    for (const s of states) {
      if (s.error) results.set(s.item.key, { key: s.item.key, ok: false, error: s.error });
      else results.set(s.item.key, { key: s.item.key, ok: true, destinationId: s.id!, ...(s.lost.length ? { lost: s.lost } : {}) });
    }
  }

  private async prepare(item: ImportItem<CalendarEvent>) {
    const { body, lost } = toGraphEvent(item.data, 'series');
    body.transactionId = await transactionIdOf(item.key);
    body.singleValueExtendedProperties = [...(body.singleValueExtendedProperties ?? []), sourceKeyProperty(item.key)];
    const exdates = body.recurrence ? (item.data.recurrence?.exdate ?? []) : [];
    return { body, item, state: { item, lost, exdates } as SeriesCreate };
  }

  /**
   * A create refused as a duplicate was made before under the same transactionId (perhaps from an older
   * version of the source event): the event made then is found by its source key and kept.
   */
  private async resolveConflicts(states: SeriesCreate[]): Promise<void> {
    if (states.length === 0) return;
    const found = await this.findBySourceKey(states.map((s) => s.item));
    for (const s of states) {
      s.id = found.get(s.item.key);
      if (!s.id) s.error = new AdapterError('Outlook refused the event as already created, yet no such event was found; Ferry will try again.', 'retry', { status: 409 });
    }
  }

  private async removeOccurrences(states: SeriesCreate[]): Promise<void> {
    const targets = states.flatMap((s) => s.exdates.map((exdate) => ({ s, exdate, at: instantOfTime(exdate) })));
    if (targets.length === 0) return;
    const answers = await graphBatch(this.ctx, targets.map((t, i) => ({ id: String(i), method: 'GET', url: instancesUrl({ seriesId: t.s.id!, at: t.at }) })));
    const deletes: { s: SeriesCreate; exdate: EventTime; occurrenceId: string }[] = [];
    targets.forEach((t, i) => {
      const found = occurrenceAt(answers[i]!, t.at);
      // No occurrence there: removed by an earlier run, or never part of the series; either way none shows.
      if (found instanceof AdapterError) this.noteExdateFailure(t.s, t.exdate, found);
      else if (found) deletes.push({ s: t.s, exdate: t.exdate, occurrenceId: found.id });
    });
    const deleted = await graphBatch(this.ctx, deletes.map((d, i) => ({ id: String(i), method: 'DELETE', url: `${GRAPH_API}/me/events/${encodeURIComponent(d.occurrenceId)}` })));
    deletes.forEach((d, i) => {
      const answer = deleted[i]!;
      if (!answer.ok && answer.status !== 404) this.noteExdateFailure(d.s, d.exdate, answer.error);
    });
  }

  /** A removed occurrence Outlook still shows: reported as lost, or the whole item retried when the failure is passing. */
  private noteExdateFailure(s: SeriesCreate, exdate: EventTime, error: AdapterError): void {
    if (error.errorClass !== 'skip') {
      s.error ??= error;
      return;
    }
    s.lost.push({ field: 'recurrence.exdate', reason: `Outlook did not remove the occurrence on ${label(exdate)}: ${error.details.providerMessage ?? error.message}` });
  }

  private async changeOccurrences(items: ImportItem<CalendarEvent>[], results: Map<string, ImportResult>): Promise<void> {
    const orphans = items.filter((i) => !i.parentId);
    for (const item of orphans) results.set(item.key, { key: item.key, ok: false, error: orphanError(item) });
    const targets = items.filter((i) => i.parentId).map((item) => ({ item, q: occurrenceQuery(item) }));
    if (targets.length === 0) return;
    const answers = await graphBatch(this.ctx, targets.map((t, i) => ({ id: String(i), method: 'GET', url: instancesUrl(t.q) })));
    const changes: { item: ImportItem<CalendarEvent>; request: BatchRequest; lost: LostField[]; occurrenceId: string }[] = [];
    targets.forEach(({ item, q }, i) => {
      const found = occurrenceAt(answers[i]!, q.at);
      const cancelled = item.data.status === 'cancelled';
      if (cancelled && !found) {
        // Removed by an earlier run, or never part of the series: either way no occurrence shows.
        results.set(item.key, { key: item.key, ok: true, destinationId: cancelledId(q) });
        return;
      }
      if (found instanceof AdapterError || !found) {
        results.set(item.key, { key: item.key, ok: false, error: found ?? missingOccurrence(item) });
        return;
      }
      const url = `${GRAPH_API}/me/events/${encodeURIComponent(found.id)}`;
      if (cancelled) {
        changes.push({ item, request: { id: String(changes.length), method: 'DELETE', url }, lost: [], occurrenceId: cancelledId(q) });
        return;
      }
      const { body, lost } = toGraphEvent(item.data, 'instance');
      changes.push({ item, request: { id: String(changes.length), method: 'PATCH', url, body }, lost, occurrenceId: found.id });
    });
    const changed = await graphBatch(this.ctx, changes.map((c) => c.request));
    changes.forEach((c, i) => {
      const answer = changed[i]!;
      if (!answer.ok && !(c.request.method === 'DELETE' && answer.status === 404)) {
        results.set(c.item.key, { key: c.item.key, ok: false, error: answer.error });
        return;
      }
      const id = (answer.ok && c.request.method === 'PATCH' ? (answer.body as GraphEvent | undefined)?.id : undefined) ?? c.occurrenceId;
      results.set(c.item.key, { key: c.item.key, ok: true, destinationId: id, ...(c.lost.length ? { lost: c.lost } : {}) });
    });
  }

  async lookup(items: ImportItem[]): Promise<Map<string, string>> {
    const events = items as ImportItem<CalendarEvent>[];
    const found = await this.findBySourceKey(events.filter((i) => !i.data.recurrenceId));
    const changed = events.filter((i) => i.data.recurrenceId && i.parentId).map((item) => ({ item, q: occurrenceQuery(item) }));
    const answers = await graphBatch(this.ctx, changed.map((t, i) => ({ id: String(i), method: 'GET', url: instancesUrl(t.q) })));
    changed.forEach(({ item, q }, i) => {
      const occurrence = occurrenceAt(answers[i]!, q.at);
      throwUnlessSkip(occurrence);
      if (occurrence instanceof AdapterError) return;
      // A cancelled occurrence is done once gone; a changed one once it is an exception (a plain one was never touched).
      if (item.data.status === 'cancelled') {
        if (!occurrence) found.set(item.key, cancelledId(q));
      } else if (occurrence?.type === 'exception') found.set(item.key, occurrence.id);
    });
    return found;
  }

  private async findBySourceKey(items: ImportItem<CalendarEvent>[]): Promise<Map<string, string>> {
    const requests: BatchRequest[] = items.map((item, i) => ({
      id: String(i),
      method: 'GET',
      url: `${calendarPath(item.containerId)}/events${query({ $filter: sourceKeyFilter(item.key), $select: 'id', $top: 1 })}`,
    }));
    const answers = await graphBatch(this.ctx, requests);
    const found = new Map<string, string>();
    items.forEach((item, i) => {
      const answer = answers[i]!;
      if (!answer.ok) return throwUnlessSkip(answer.error);
      const id = (answer.body as GraphCollection<GraphEvent> | undefined)?.value?.[0]?.id;
      if (id) found.set(item.key, id);
    });
    return found;
  }
}

function occurrenceQuery(item: ImportItem<CalendarEvent>): OccurrenceQuery {
  const event = item.data;
  return { seriesId: item.parentId!, at: instantOfTime(event.recurrenceId!), alsoAround: [instantOfTime(event.start), instantOfTime(event.end)] };
}

/** The transactionId was used before (Exchange: ErrorDuplicateTransactionId, or a 409). */
const isDuplicate = (answer: BatchAnswer): boolean =>
  !answer.ok && (answer.status === 409 || answer.error.details.providerCode === 'ErrorDuplicateTransactionId');

/** A removed occurrence has no id left at Outlook; this names it the same on every run. */
const cancelledId = (q: OccurrenceQuery): string => `${q.seriesId}/cancelled/${isoUtc(q.at)}`;

function throwUnlessSkip(value: unknown): void {
  if (value instanceof AdapterError && value.errorClass !== 'skip') throw value;
}

const orphanError = (item: ImportItem<CalendarEvent>) =>
  new AdapterError(`The series that "${item.title}" belongs to was not imported, so this change to its occurrence on ${label(item.data.recurrenceId!)} has nowhere to go.`, 'skip');

const missingOccurrence = (item: ImportItem<CalendarEvent>) =>
  new AdapterError(
    `Outlook's copy of the series has no occurrence on ${label(item.data.recurrenceId!)} to change (the series' repeat rule may not have been kept), so "${item.title}" was not imported.`,
    'skip',
  );
