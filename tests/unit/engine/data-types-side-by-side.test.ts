import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { DataType, DataTypeSupport, ExportedItem, ImportItem, ItemData, ProviderDescriptor, ProviderLimits } from '../../../model/adapter';
import { Engine, openFerryDb } from '../../../entrypoints/background/engine';

interface Call {
  dataType: DataType;
  size: number;
  start: number;
  end: number;
}

interface Lane {
  dataType: DataType;
  count: number;
  pageSize: number;
  batchSize: number;
  importMs: number;
  limits: ProviderLimits;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One data type whose import takes `importMs` per batch; every call is logged with its time. */
function lane(spec: Lane, calls: Call[], active: Map<DataType, { now: number; max: number }>): DataTypeSupport {
  const items = Array.from({ length: spec.count }, (_, i): ExportedItem => ({
    key: `${spec.dataType}-${i}`,
    dataType: spec.dataType,
    title: `${spec.dataType} ${i}`,
    data: { title: `${spec.dataType} ${i}` } as unknown as ItemData,
  }));
  return {
    export: {
      create: () => ({
        dataType: spec.dataType,
        exportPage: async (cursor) => {
          const from = Number(cursor ?? 0);
          const next = from + spec.pageSize;
          return { containers: [], items: items.slice(from, next), ...(next < items.length ? { next: String(next) } : {}) };
        },
      }),
    },
    import: {
      batchSize: spec.batchSize,
      fields: [],
      create: () => ({
        dataType: spec.dataType,
        ensureContainer: async () => 'default',
        lookup: async () => new Map(),
        importBatch: async (batch: ImportItem[]) => {
          const counter = active.get(spec.dataType)!;
          counter.now += 1;
          counter.max = Math.max(counter.max, counter.now);
          const start = performance.now();
          await sleep(spec.importMs);
          calls.push({ dataType: spec.dataType, size: batch.length, start, end: performance.now() });
          counter.now -= 1;
          return batch.map((item) => ({ key: item.key, ok: true as const, destinationId: `made-${item.key}` }));
        },
      }),
    },
    scopes: { export: [], import: [] },
    limits: spec.limits,
  };
}

function provider(id: string, lanes: Record<string, DataTypeSupport>): ProviderDescriptor {
  return {
    id,
    name: id,
    auth: { kind: 'oauth', flow: 'token', authorizeUrl: 'https://memory.invalid/authorize', baseScopes: [] },
    hostPermissions: [],
    limits: { minIntervalMs: 0, maxConcurrency: 1 },
    dataTypes: lanes,
    accountInfo: async (ctx) => ({ id: ctx.account }),
  };
}

describe('engine: several data types in one job', () => {
  it('moves small contacts beside large photos, each data type at its own concurrency', async () => {
    const calls: Call[] = [];
    const active = new Map<DataType, { now: number; max: number }>([
      ['photos', { now: 0, max: 0 }],
      ['contacts', { now: 0, max: 0 }],
    ]);
    const photos = lane({ dataType: 'photos', count: 6, pageSize: 50, batchSize: 1, importMs: 120, limits: { minIntervalMs: 0, maxConcurrency: 1 } }, calls, active);
    const contacts = lane({ dataType: 'contacts', count: 400, pageSize: 100, batchSize: 50, importMs: 5, limits: { minIntervalMs: 0, maxConcurrency: 4 } }, calls, active);
    const source = provider('lanes-a', { photos, contacts });
    const destination = provider('lanes-b', { photos, contacts });
    const registry = new Map([source, destination].map((p) => [p.id, p]));
    const engine = new Engine({
      db: openFerryDb(`ferry-lanes-${process.pid}`),
      provider: (id) => registry.get(id)!,
      authorizedFetch: () => () => Promise.reject(new Error('no requests')),
      url: (url) => url,
    });

    const started = await engine.start({ source: 'lanes-a', sourceAccount: 'a', destination: 'lanes-b', destinationAccount: 'b', dataTypes: ['photos', 'contacts'] });
    await engine.idle();

    const view = await engine.view(started.id);
    expect(view.status).toBe('done');
    expect(view.progress.map((p) => [p.dataType, p.moved])).toEqual([
      ['photos', 6],
      ['contacts', 400],
    ]);
    const of = (type: DataType) => calls.filter((c) => c.dataType === type);
    expect(of('photos').map((c) => c.size)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(of('contacts').map((c) => c.size)).toEqual([50, 50, 50, 50, 50, 50, 50, 50]);
    // Contacts did not wait for the photos listed first: all of them were done while photos still moved.
    const lastContact = Math.max(...of('contacts').map((c) => c.end));
    expect(lastContact).toBeLessThan(Math.max(...of('photos').map((c) => c.start)));
    expect(active.get('photos')!.max).toBe(1);
    expect(active.get('contacts')!.max).toBeGreaterThan(1);
  });
});
