import { runCalendarConformance } from './calendar.suite';
import { createMemoryProvider } from './memory-provider';

const memory = createMemoryProvider({ pageSize: 4, batchSize: 3 });

runCalendarConformance({
  name: 'memory',
  provider: memory.descriptor,
  pageSize: 4,
  async open() {
    const account = memory.account('alice');
    return {
      ctx: { fetch: () => Promise.reject(new Error('The memory provider makes no requests')), url: (u) => u, account: 'alice' },
      seed: async (calendars) => account.seed(calendars),
      reset: async () => account.reset(),
      close: async () => {},
    };
  },
});
