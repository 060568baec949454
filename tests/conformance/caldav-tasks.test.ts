/**
 * The CalDAV adapter's task lists (VTODO) against real servers started by this test (Radicale, then
 * Xandikos), through the tasks conformance suite. A 429 is armed in the test's own fetch: neither server throttles.
 */
import { caldav } from '../../adapters/caldav/descriptor';
import { CalDavTasksExporter } from '../../adapters/caldav/tasks/export';
import type { DataTypeSupport, ProviderDescriptor } from '../../model/adapter';
import { DAV_SERVERS, openDavTarget, resetAccount, seedTaskCollections } from './dav-target';
import { runTaskConformance } from './tasks.suite';

const PAGE_SIZE = 5;
const tasks = caldav.dataTypes.tasks as DataTypeSupport;
const provider: ProviderDescriptor = { ...caldav, dataTypes: { tasks: { ...tasks, export: { create: (ctx) => new CalDavTasksExporter(ctx, PAGE_SIZE) } } } };

for (const server of DAV_SERVERS) {
  runTaskConformance({
    name: `caldav (${server})`,
    provider,
    pageSize: PAGE_SIZE,
    async open() {
      const target = await openDavTarget(server, caldav);
      return {
        ctx: target.ctx,
        seed: (lists) => seedTaskCollections(target.server, lists),
        reset: () => resetAccount(target.server, 'tasks'),
        throttleNext: (seconds) => target.throttleNext(seconds),
        close: () => target.close(),
      };
    },
  });
}
