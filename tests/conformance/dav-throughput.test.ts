/**
 * How fast the CalDAV and CardDAV adapters move items into and out of a real Radicale on this machine, called
 * as the engine calls them (batches of `batchSize`, a batch's items side by side; no pacer). Prints items/s and
 * fails when a direction is slower than a floor far below what a 2-core CI machine does, so a regression that
 * makes the adapters talk far more than needed shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caldav } from '../../adapters/caldav/descriptor';
import { carddav } from '../../adapters/carddav/descriptor';
import type { AdapterContext, DataType, ImportItem, ItemData, ProviderDescriptor } from '../../model/adapter';
import { startRadicale, type RunningDavServer } from '../harness/real-servers';
import { pagingCalendar } from './calendar-fixtures';
import { pagingContacts } from './contacts-fixtures';
import { pagingTaskList } from './tasks-fixtures';
import { exportAll } from './export-all';

const COUNT = 200;
/**
 * items/s below which something is wrong. Radicale writes one item at a time and checks each new UID against
 * the whole collection, so imports run at tens of items/s on a quiet 2-core machine and fewer on a busy one.
 */
const FLOOR = 3;

async function contextFor(server: RunningDavServer, provider: ProviderDescriptor): Promise<AdapterContext> {
  const ctx: AdapterContext = { account: '', url: (u) => u, serverUrl: server.origin, fetch: server.fetch };
  ctx.account = (await provider.accountInfo(ctx)).id;
  return ctx;
}

async function measure<T extends ItemData>(provider: ProviderDescriptor, ctx: AdapterContext, dataType: DataType, name: string, data: T[], title: (d: T) => string) {
  const support = provider.dataTypes[dataType]!;
  const importer = support.import!.create(ctx);
  const containerId = await importer.ensureContainer({ key: `throughput:${name}`, dataType, name });
  const items = data.map((d, i): ImportItem<T> => ({ key: `throughput:${name}:${i}`, dataType, title: title(d), data: d, containerId }));
  const importStart = performance.now();
  for (let i = 0; i < items.length; i += support.import!.batchSize) {
    for (const result of await importer.importBatch(items.slice(i, i + support.import!.batchSize))) expect(result.ok).toBe(true);
  }
  const importSeconds = (performance.now() - importStart) / 1000;
  const exporter = support.export!.create(ctx);
  const exportStart = performance.now();
  const { items: exported } = await exportAll(exporter);
  const exportSeconds = (performance.now() - exportStart) / 1000;
  expect(exported.filter((e) => e.containerKey?.endsWith(containerId)).length).toBe(data.length);
  const rates = { into: data.length / importSeconds, outOf: exported.length / exportSeconds };
  console.log(`${name}: ${data.length} into Radicale at ${rates.into.toFixed(1)} items/s, ${exported.length} out at ${rates.outOf.toFixed(1)} items/s`);
  return rates;
}

describe('throughput against Radicale', () => {
  let server: RunningDavServer;
  beforeAll(async () => {
    server = await startRadicale();
  });
  afterAll(async () => {
    await server?.close();
  });

  it(`calendar: ${COUNT} events in and out`, async () => {
    const rates = await measure(caldav, await contextFor(server, caldav), 'calendar', 'Throughput calendar', pagingCalendar(COUNT).events, (e) => e.title);
    expect(Math.min(rates.into, rates.outOf)).toBeGreaterThan(FLOOR);
  });

  it(`tasks: ${COUNT} tasks in and out`, async () => {
    const rates = await measure(caldav, await contextFor(server, caldav), 'tasks', 'Throughput tasks', pagingTaskList(COUNT).tasks, (t) => t.title);
    expect(Math.min(rates.into, rates.outOf)).toBeGreaterThan(FLOOR);
  });

  it(`contacts: ${COUNT} cards in and out`, async () => {
    const rates = await measure(carddav, await contextFor(server, carddav), 'contacts', 'Throughput contacts', pagingContacts(COUNT).map((e) => e.contact), (c) => c.name.formatted);
    expect(Math.min(rates.into, rates.outOf)).toBeGreaterThan(FLOOR);
  });
});
