/**
 * An in-memory calendar provider: exports pages of one in-memory account and imports into another,
 * idempotent by source key. It runs the calendar conformance suite (which tests the suite) and drives the
 * engine's unit tests, with switches to refuse items, answer "try again", revoke the grant or crash.
 */
import {
  AdapterError,
  type AdapterContext,
  type Container,
  type DataTypeSupport,
  type ExportedItem,
  type ExportPage,
  type ImportItem,
  type ImportResult,
  type LostField,
  type ProviderDescriptor,
} from '../../model/adapter';
import { CALENDAR_FIELDS, type CalendarEvent } from '../../model/calendar';
import type { SeedCalendar } from './calendar-fixtures';

export interface MemoryCalendar {
  id: string;
  name: string;
  isDefault: boolean;
  timeZone?: string;
  description?: string;
  /** Source key of the container it was imported from. */
  sourceKey?: string;
}

export interface MemoryEvent {
  id: string;
  calendarId: string;
  data: CalendarEvent;
  /** Source key of the item it was imported from. */
  sourceKey?: string;
}

export class MemoryCalendarAccount {
  calendars: MemoryCalendar[] = [];
  events: MemoryEvent[] = [];
  /** Events the importer created (a second create of the same source key would show here). */
  createdCount = 0;
  private nextId = 1;

  constructor(readonly id: string) {
    this.reset();
  }

  reset(): void {
    this.calendars = [{ id: 'default', name: this.id, isDefault: true }];
    this.events = [];
    this.createdCount = 0;
  }

  seed(calendars: readonly SeedCalendar[]): void {
    this.reset();
    for (const seed of calendars) {
      const calendar = seed.isDefault ? this.calendars[0]! : this.addCalendar({ name: seed.name, isDefault: false });
      Object.assign(calendar, { name: seed.name, timeZone: seed.timeZone, description: seed.description });
      for (const event of seed.events) this.addEvent(calendar.id, event);
    }
  }

  addCalendar(fields: Omit<MemoryCalendar, 'id'>): MemoryCalendar {
    const calendar = { ...fields, id: `cal-${this.nextId++}` };
    this.calendars.push(calendar);
    return calendar;
  }

  addEvent(calendarId: string, data: CalendarEvent, sourceKey?: string): MemoryEvent {
    const event = { id: `evt-${this.nextId++}`, calendarId, data: structuredClone(data), sourceKey };
    this.events.push(event);
    return event;
  }
}

export interface MemoryFaults {
  /** Source key → the message the importer refuses it with (class skip). */
  refuse: Map<string, string>;
  /** Source key → how many more times the importer answers it with a retry error (a 500). */
  retryItem: Map<string, number>;
  /** Source key → how many more times the importer answers it "slow down" (a 429 with Retry-After). */
  throttleItem: Map<string, number>;
  /** How many more importBatch calls fail whole with a retry error. */
  retryBatches: number;
  /** Source keys whose import throws a plain Error (a bug, not a classified AdapterError). */
  crashItem: Set<string>;
  /** importBatch calls that succeed before every further call throws fatal 'reconnect' (undefined: never). */
  importReconnectAfter?: number;
  /** exportPage calls that succeed before every further call throws fatal 'reconnect' (undefined: never). */
  exportReconnectAfter?: number;
  /** How many more exportPage calls fail with a retry error. */
  exportRetries: number;
  /** Native ids of source events the exporter leaves out (their overrides still name them as parent). */
  hideFromExport: Set<string>;
  /** The next importBatch throws fatal with this reason (once). */
  importFatal?: { reason: 'storage-full' | 'quota-exhausted' | 'forbidden'; message: string };
}

export interface MemoryProviderOptions {
  id?: string;
  name?: string;
  pageSize?: number;
  batchSize?: number;
  maxConcurrency?: number;
  minIntervalMs?: number;
  /** Calendar field paths the importer keeps (the rest is dropped, as a real destination would). */
  fields?: readonly string[];
  /** Value-specific losses the importer reports for an item. */
  lossFor?: (item: ImportItem<CalendarEvent>) => LostField[];
  /** Import an overridden instance whose series is not at the destination as a lone event. */
  orphansAllowed?: boolean;
  /** Milliseconds every importBatch takes (lets batches overlap). */
  importDelayMs?: number;
  /** The destination keeps one event per UID in a calendar: a second one with it is found as the first. */
  keepsOnePerUid?: boolean;
}

export interface MemoryProvider {
  descriptor: ProviderDescriptor;
  account(id: string): MemoryCalendarAccount;
  faults: MemoryFaults;
  calls: { exportPage: number; importBatch: number; lookup: number; ensureContainer: number; concurrentImports: number; maxConcurrentImports: number };
  /** Every source key handed to importBatch, in order (an item imported twice appears twice). */
  importedKeys: string[];
}

export function createMemoryProvider(options: MemoryProviderOptions = {}): MemoryProvider {
  const id = options.id ?? 'memory';
  const accounts = new Map<string, MemoryCalendarAccount>();
  const account = (accountId: string) => {
    if (!accounts.has(accountId)) accounts.set(accountId, new MemoryCalendarAccount(accountId));
    return accounts.get(accountId)!;
  };
  const faults: MemoryFaults = { refuse: new Map(), retryItem: new Map(), throttleItem: new Map(), retryBatches: 0, crashItem: new Set(), exportRetries: 0, hideFromExport: new Set() };
  const calls = { exportPage: 0, importBatch: 0, lookup: 0, ensureContainer: 0, concurrentImports: 0, maxConcurrentImports: 0 };
  const provider: MemoryProvider = { descriptor: undefined as unknown as ProviderDescriptor, account, faults, calls, importedKeys: [] };
  const calendar: DataTypeSupport = {
    export: { create: (ctx) => memoryExporter(id, account(ctx.account), provider, options.pageSize ?? 50) },
    import: {
      create: (ctx) => memoryImporter(account(ctx.account), provider, options),
      batchSize: options.batchSize ?? 10,
      fields: options.fields ?? CALENDAR_FIELDS,
    },
    scopes: { export: ['memory.read'], import: ['memory.write'] },
  };
  provider.descriptor = {
    id,
    name: options.name ?? 'Memory',
    auth: { kind: 'oauth', flow: 'token', authorizeUrl: 'https://memory.invalid/authorize', baseScopes: [] },
    hostPermissions: [],
    limits: { minIntervalMs: options.minIntervalMs ?? 0, maxConcurrency: options.maxConcurrency ?? 2 },
    dataTypes: { calendar },
    accountInfo: async (ctx: AdapterContext) => ({ id: ctx.account, name: ctx.account }),
  };
  return provider;
}

const revoked = () =>
  new AdapterError('The memory grant was revoked.', 'fatal', { status: 401, providerMessage: 'invalid_grant', fatalReason: 'reconnect' });
const busy = () => new AdapterError('Memory is busy.', 'retry', { status: 503, providerMessage: 'Service Unavailable' });
const broken = () => new AdapterError('Memory failed.', 'retry', { status: 500, providerMessage: 'Internal Server Error' });
const slowDown = () => new AdapterError('Memory asks to slow down.', 'retry', { status: 429, providerMessage: 'Too Many Requests', retryAfterMs: 1 });

function memoryExporter(providerId: string, account: MemoryCalendarAccount, provider: MemoryProvider, pageSize: number) {
  const { faults, calls } = provider;
  const containerKey = (calendarId: string) => `${providerId}:${account.id}:calendar:container:${calendarId}`;
  const itemKey = (eventId: string) => `${providerId}:${account.id}:calendar:${eventId}`;
  return {
    dataType: 'calendar' as const,
    async exportPage(cursor: string | undefined): Promise<ExportPage> {
      calls.exportPage += 1;
      if (faults.exportReconnectAfter !== undefined && calls.exportPage > faults.exportReconnectAfter) throw revoked();
      if (faults.exportRetries > 0) {
        faults.exportRetries -= 1;
        throw busy();
      }
      const order = new Map(account.calendars.map((c, i) => [c.id, i]));
      const events = account.events.filter((e) => !faults.hideFromExport.has(e.id)).sort((a, b) => order.get(a.calendarId)! - order.get(b.calendarId)!);
      const offset = Number(cursor ?? 0);
      const page = events.slice(offset, offset + pageSize);
      const firstIndex = (calendarId: string) => events.findIndex((e) => e.calendarId === calendarId);
      const containers: Container[] = account.calendars
        .filter((c) => {
          const first = firstIndex(c.id);
          return first === -1 ? offset === 0 : first >= offset && first < offset + pageSize;
        })
        .map((c) => ({ key: containerKey(c.id), dataType: 'calendar', name: c.name, timeZone: c.timeZone, description: c.description, isDefault: c.isDefault }));
      const items = page.map((event): ExportedItem<CalendarEvent> => {
        const master = event.data.recurrenceId
          ? account.events.find((e) => e.data.uid === event.data.uid && !e.data.recurrenceId && e.calendarId === event.calendarId)
          : undefined;
        return {
          key: itemKey(event.id),
          dataType: 'calendar',
          containerKey: containerKey(event.calendarId),
          parentKey: master && itemKey(master.id),
          title: event.data.title,
          data: structuredClone(event.data),
        };
      });
      const next = offset + pageSize < events.length ? String(offset + pageSize) : undefined;
      return { containers, items, next };
    },
  };
}

function memoryImporter(account: MemoryCalendarAccount, provider: MemoryProvider, options: MemoryProviderOptions) {
  const { faults, calls } = provider;
  const fields = options.fields ?? CALENDAR_FIELDS;
  const bySourceKey = (key: string) => account.events.find((e) => e.sourceKey === key);

  function importOne(item: ImportItem): ImportResult {
    const event = item.data as CalendarEvent;
    const refusal = faults.refuse.get(item.key);
    if (refusal) return { key: item.key, ok: false, error: new AdapterError(refusal, 'skip', { status: 400, providerMessage: refusal }) };
    const retries = faults.retryItem.get(item.key) ?? 0;
    if (retries > 0) {
      faults.retryItem.set(item.key, retries - 1);
      return { key: item.key, ok: false, error: broken() };
    }
    const throttles = faults.throttleItem.get(item.key) ?? 0;
    if (throttles > 0) {
      faults.throttleItem.set(item.key, throttles - 1);
      return { key: item.key, ok: false, error: slowDown() };
    }
    if (faults.crashItem.has(item.key)) throw new TypeError(`Cannot read properties of undefined (importing ${item.title})`);
    if (!account.calendars.some((c) => c.id === item.containerId)) throw new Error(`No calendar ${item.containerId}`);
    if (event.recurrenceId && !options.orphansAllowed) {
      if (!item.parentId) return { key: item.key, ok: false, error: new AdapterError('An overridden instance needs its series at the destination.', 'skip', { status: 400, providerMessage: 'orphan instance' }) };
      if (!account.events.some((e) => e.id === item.parentId)) throw new Error(`Parent ${item.parentId} is not at the destination`);
    }
    const sameUid = options.keepsOnePerUid ? account.events.find((e) => e.data.uid === event.uid && e.calendarId === item.containerId) : undefined;
    const existing = bySourceKey(item.key) ?? sameUid;
    const stored = existing ?? account.addEvent(item.containerId, keepDeclared(event, fields), item.key);
    if (!existing) account.createdCount += 1;
    const lost = options.lossFor?.(item as ImportItem<CalendarEvent>);
    const found = sameUid && { field: 'uid', why: 'both have the same UID, and this calendar keeps one event per UID.' };
    return { key: item.key, ok: true, destinationId: stored.id, ...(lost?.length ? { lost } : {}), ...(found ? { found } : {}) };
  }

  return {
    dataType: 'calendar' as const,
    async ensureContainer(container: Container): Promise<string> {
      calls.ensureContainer += 1;
      if (container.isDefault) return account.calendars.find((c) => c.isDefault)!.id;
      const existing = account.calendars.find((c) => c.sourceKey === container.key);
      if (existing) return existing.id;
      const { name, timeZone, description } = container;
      return account.addCalendar({ name, timeZone, description, isDefault: false, sourceKey: container.key }).id;
    },
    async importBatch(items: ImportItem[]): Promise<ImportResult[]> {
      calls.importBatch += 1;
      provider.importedKeys.push(...items.map((item) => item.key));
      calls.concurrentImports += 1;
      calls.maxConcurrentImports = Math.max(calls.maxConcurrentImports, calls.concurrentImports);
      try {
        if (options.importDelayMs) await new Promise((resolve) => setTimeout(resolve, options.importDelayMs));
        if (faults.importReconnectAfter !== undefined && calls.importBatch > faults.importReconnectAfter) throw revoked();
        if (faults.importFatal) {
          const { reason, message } = faults.importFatal;
          faults.importFatal = undefined;
          throw new AdapterError(message, 'fatal', { status: 403, providerMessage: message, fatalReason: reason });
        }
        if (faults.retryBatches > 0) {
          faults.retryBatches -= 1;
          throw busy();
        }
        if (items.length > (options.batchSize ?? 10)) throw new Error(`Batch of ${items.length} exceeds the batch size`);
        return items.map(importOne);
      } finally {
        calls.concurrentImports -= 1;
      }
    },
    async lookup(items: ImportItem[]): Promise<Map<string, string>> {
      calls.lookup += 1;
      const found = new Map<string, string>();
      for (const item of items) {
        const event = bySourceKey(item.key);
        if (event) found.set(item.key, event.id);
      }
      return found;
    },
  };
}

/** The event as a destination holding only `fields` would keep it. */
function keepDeclared(event: CalendarEvent, fields: readonly string[]): CalendarEvent {
  const kept = structuredClone(event) as unknown as Record<string, unknown>;
  for (const path of CALENDAR_FIELDS) {
    if (fields.includes(path)) continue;
    const [head, tail] = path.split('.') as [string, string | undefined];
    const value = kept[head];
    if (tail === undefined) delete kept[head];
    else if (Array.isArray(value)) for (const element of value) delete (element as Record<string, unknown>)[tail];
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (Array.isArray(record[tail])) record[tail] = [];
      else delete record[tail];
    }
  }
  return kept as unknown as CalendarEvent;
}
