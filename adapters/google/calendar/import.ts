/**
 * Imports events into Google Calendar through the batch endpoint.
 * - A series or single event goes in with events.import: it keeps its iCalUID, organizer, attendees'
 *   replies and sequence, sends no invitations, and Google holds one event per iCalUID in a calendar, so a
 *   second import of the same event finds the first (a 409 `duplicate` → looked up by iCalUID).
 * - A changed instance replaces the instance `<series id>_<original start>` of its series (events.update);
 *   a cancelled instance deletes it (Google then keeps it as a cancelled exception).
 * Every event carries its source key in a private extended property, which tells an instance Ferry
 * already changed from one it has not.
 */
import {
  AdapterError,
  type AdapterContext,
  type Container,
  type ImportItem,
  type ImportResult,
  type Importer,
  type LostField,
} from '../../../model/adapter';
import type { CalendarEvent } from '../../../model/calendar';
import { CALENDAR_API, googleBatch, googleRequest, query, type BatchAnswer, type BatchRequest } from '../client';
import type { GoogleCalendar, GoogleCalendarListEntry, GoogleEvent, GoogleEventList } from './api-types';
import { calendarPath, listCalendars } from './calendar-list';
import { hasFloatingTime, toGoogleEvent } from './map';
import { instanceIdSuffix } from './time';

/** Private extended property holding the source key (keys ≤ 44 characters at Google). */
export const SOURCE_PROPERTY = 'ferrySourceKey';
/** Google's largest batch. */
const MAX_BATCH_CALLS = 1000;

type Plan =
  | { item: ImportItem<CalendarEvent>; kind: 'import' | 'update' | 'delete'; request: BatchRequest; eventId?: string; lost: LostField[] }
  | { item: ImportItem<CalendarEvent>; kind: 'refused'; error: AdapterError };

const eventUrl = (calendarId: string, eventId: string): string =>
  `${calendarPath(calendarId)}/events/${encodeURIComponent(eventId)}`;

/** Black or white text, whichever reads better on the calendar's colour. */
function foregroundFor(background: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(background.slice(i, i + 2), 16));
  return 0.299 * r! + 0.587 * g! + 0.114 * b! > 150 ? '#000000' : '#ffffff';
}

export class GoogleCalendarImporter implements Importer {
  readonly dataType = 'calendar' as const;
  private readonly zones = new Map<string, Promise<string>>();

  constructor(private readonly ctx: AdapterContext) {}

  async ensureContainer(container: Container): Promise<string> {
    if (container.isDefault) return 'primary';
    const owned = await listCalendars(this.ctx, 'owner');
    const same = owned.find((e) => e.summary === container.name || e.summaryOverride === container.name);
    if (same) return same.id;
    const body: Omit<GoogleCalendar, 'id'> = { summary: container.name };
    if (container.description) body.description = container.description;
    if (container.timeZone) body.timeZone = container.timeZone;
    const created = await googleRequest<GoogleCalendar>(this.ctx, 'POST', `${CALENDAR_API}/calendars`, body);
    if (created.timeZone) this.zones.set(created.id, Promise.resolve(created.timeZone));
    if (container.color) await this.paint(created.id, container.color);
    return created.id;
  }

  /** The calendar's colour lives on the calendar list entry; a colour Google refuses leaves Google's own. */
  private async paint(calendarId: string, color: string): Promise<void> {
    const url = `${CALENDAR_API}/users/me/calendarList/${encodeURIComponent(calendarId)}${query({ colorRgbFormat: true })}`;
    try {
      await googleRequest(this.ctx, 'PATCH', url, { backgroundColor: color, foregroundColor: foregroundFor(color) });
    } catch (error) {
      if (!(error instanceof AdapterError && error.errorClass === 'skip')) throw error;
    }
  }

  /** The calendar's zone, which Google needs for moments the source kept floating. */
  private zoneOf(calendarId: string): Promise<string> {
    let zone = this.zones.get(calendarId);
    if (!zone) {
      const url = `${CALENDAR_API}/users/me/calendarList/${encodeURIComponent(calendarId)}`;
      zone = googleRequest<GoogleCalendarListEntry>(this.ctx, 'GET', url).then((entry) => entry.timeZone ?? 'UTC');
      zone.catch(() => this.zones.delete(calendarId));
      this.zones.set(calendarId, zone);
    }
    return zone;
  }

  async importBatch(items: ImportItem[]): Promise<ImportResult[]> {
    const plans = await Promise.all((items as ImportItem<CalendarEvent>[]).map((item, i) => this.plan(item, String(i))));
    const sendable = plans.filter((p): p is Exclude<Plan, { kind: 'refused' }> => p.kind !== 'refused');
    const answers = new Map((await googleBatch(this.ctx, sendable.map((p) => p.request))).map((a) => [a.id, a]));
    const results = new Map<string, ImportResult>();
    const duplicates: ImportItem<CalendarEvent>[] = [];
    for (const plan of plans) {
      if (plan.kind === 'refused') {
        results.set(plan.item.key, { key: plan.item.key, ok: false, error: plan.error });
        continue;
      }
      const answer = answers.get(plan.request.id)!;
      if (plan.kind === 'import' && !answer.ok && answer.status === 409) duplicates.push(plan.item);
      else results.set(plan.item.key, resultOf(plan, answer));
    }
    if (duplicates.length) {
      const found = await this.lookup(duplicates);
      for (const item of duplicates) results.set(item.key, duplicateResult(item, found.get(item.key), plans));
    }
    const ordered = items.map((item) => results.get(item.key)!);
    throwWhenAllFailed(ordered);
    return ordered;
  }

  private async plan(item: ImportItem<CalendarEvent>, id: string): Promise<Plan> {
    try {
      const event = item.data;
      const zone = hasFloatingTime(event) ? await this.zoneOf(item.containerId) : 'UTC';
      const marker = { private: { [SOURCE_PROPERTY]: item.key } };
      if (event.recurrenceId && item.parentId) {
        const eventId = `${item.parentId}_${instanceIdSuffix(event.recurrenceId, zone)}`;
        const url = eventUrl(item.containerId, eventId);
        if (event.status === 'cancelled') return { item, kind: 'delete', eventId, lost: [], request: { id, method: 'DELETE', url } };
        const { body, lost } = toGoogleEvent(event, zone, 'instance');
        return { item, kind: 'update', eventId, lost, request: { id, method: 'PUT', url, body: { ...body, extendedProperties: marker } } };
      }
      if (event.recurrenceId && event.status === 'cancelled') {
        const message = 'This cancelled occurrence belongs to a series that is not at Google, so there is nothing to cancel.';
        return { item, kind: 'refused', error: new AdapterError(message, 'skip') };
      }
      const { body, lost } = toGoogleEvent({ ...event, uid: event.uid || item.key }, zone, 'series');
      if (event.recurrenceId) {
        lost.push({ field: 'recurrenceId', reason: 'its series did not arrive at Google, so it is kept as a single event' });
      }
      const url = `${calendarPath(item.containerId)}/events/import`;
      return { item, kind: 'import', lost, request: { id, method: 'POST', url, body: { ...body, extendedProperties: marker } } };
    } catch (error) {
      if (error instanceof AdapterError) return { item, kind: 'refused', error };
      const message = `Ferry could not turn this event into Google's form: ${(error as Error).message}`;
      return { item, kind: 'refused', error: new AdapterError(message, 'skip') };
    }
  }

  async lookup(items: ImportItem[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const list = items as ImportItem<CalendarEvent>[];
    for (let i = 0; i < list.length; i += MAX_BATCH_CALLS) {
      const chunk = list.slice(i, i + MAX_BATCH_CALLS);
      const requests = await Promise.all(chunk.map((item, j) => this.lookupRequest(item, String(j))));
      const answers = await googleBatch(this.ctx, requests);
      chunk.forEach((item, j) => {
        const id = foundId(item, answers[j]!, requests[j]!);
        if (id) found.set(item.key, id);
      });
    }
    return found;
  }

  /** An instance is looked up by its id (and our marker on it), a series or single event by its iCalUID. */
  private async lookupRequest(item: ImportItem<CalendarEvent>, id: string): Promise<BatchRequest> {
    const event = item.data;
    if (event.recurrenceId && item.parentId) {
      const zone = hasFloatingTime(event) ? await this.zoneOf(item.containerId) : 'UTC';
      return { id, method: 'GET', url: eventUrl(item.containerId, `${item.parentId}_${instanceIdSuffix(event.recurrenceId, zone)}`) };
    }
    return { id, method: 'GET', url: `${calendarPath(item.containerId)}/events${query({ iCalUID: event.uid || item.key })}` };
  }
}

function resultOf(plan: Exclude<Plan, { kind: 'refused' }>, answer: BatchAnswer): ImportResult {
  const key = plan.item.key;
  // A second delete of an instance answers 410 Gone: it is cancelled already, which is what was asked.
  if (plan.kind === 'delete' && !answer.ok && answer.status === 410) return { key, ok: true, destinationId: plan.eventId! };
  if (!answer.ok && answer.status === 404 && plan.kind !== 'import') return { key, ok: false, error: noSuchOccurrence(plan.item, answer.error) };
  if (!answer.ok) return { key, ok: false, error: answer.error };
  const destinationId = plan.kind === 'import' ? (answer.body as GoogleEvent | undefined)?.id : plan.eventId;
  if (!destinationId) {
    return { key, ok: false, error: new AdapterError('Google accepted the event but did not say its id; Ferry will try again.', 'retry') };
  }
  return plan.lost.length ? { key, ok: true, destinationId, lost: plan.lost } : { key, ok: true, destinationId };
}

function noSuchOccurrence(item: ImportItem<CalendarEvent>, error: AdapterError): AdapterError {
  const at = item.data.recurrenceId!;
  const when = 'date' in at ? at.date : `${at.dateTime}${at.timeZone ? ` ${at.timeZone}` : ''}`;
  const message = `The series at Google has no occurrence on ${when}, so this change to that one occurrence cannot be made there.`;
  return new AdapterError(message, 'skip', error.details);
}

function duplicateResult(item: ImportItem<CalendarEvent>, id: string | undefined, plans: Plan[]): ImportResult {
  if (id) {
    const plan = plans.find((p) => p.item.key === item.key);
    const lost = plan && plan.kind !== 'refused' ? plan.lost : [];
    return lost.length ? { key: item.key, ok: true, destinationId: id, lost } : { key: item.key, ok: true, destinationId: id };
  }
  const message =
    `Google already holds an event with this event's UID (${item.data.uid}) in the calendar but does not list it; ` +
    'it may be in the calendar\u2019s bin. Restore it or empty the bin, then run the transfer again.';
  return { key: item.key, ok: false, error: new AdapterError(message, 'skip', { status: 409, providerCode: 'duplicate' }) };
}

function foundId(item: ImportItem<CalendarEvent>, answer: BatchAnswer, request: BatchRequest): string | undefined {
  if (!answer.ok) {
    const cancelledAlready = item.data.status === 'cancelled' && answer.status === 410;
    if (cancelledAlready) return new URL(request.url).pathname.split('/').pop()!;
    if (answer.error.errorClass === 'skip') return undefined;
    throw answer.error;
  }
  if (item.data.recurrenceId && item.parentId) {
    const instance = answer.body as GoogleEvent;
    const done =
      item.data.status === 'cancelled'
        ? instance.status === 'cancelled'
        : instance.extendedProperties?.private?.[SOURCE_PROPERTY] === item.key;
    return done ? instance.id : undefined;
  }
  const list = answer.body as GoogleEventList;
  return list.items?.find((e) => !e.recurringEventId && e.status !== 'cancelled')?.id;
}

/** The whole batch failed when every item failed alike: a fatal error stops the job, all-retry backs off. */
function throwWhenAllFailed(results: ImportResult[]): void {
  const errors = results.flatMap((r) => (r.ok ? [] : [r.error]));
  const fatal = errors.find((e) => e.errorClass === 'fatal');
  if (fatal) throw fatal;
  if (errors.length === results.length && errors.every((e) => e.errorClass === 'retry')) {
    const wait = Math.max(0, ...errors.map((e) => e.details.retryAfterMs ?? 0));
    const first = errors[0]!;
    throw new AdapterError(first.message, 'retry', { ...first.details, ...(wait ? { retryAfterMs: wait } : {}) });
  }
}
