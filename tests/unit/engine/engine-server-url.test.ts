/** A password connection's server reaches the adapters' context, and its URLs escape the sandbox rewrite. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { AdapterContext, ProviderDescriptor } from '../../../model/adapter';
import { destinationCounts, harness, seedPlain } from './harness';

const SERVER = 'http://127.0.0.1:5232/';

/** The memory provider, remembering each adapter context the engine built for it. */
function recording(memory: ProviderDescriptor, contexts: AdapterContext[]): ProviderDescriptor {
  const calendar = memory.dataTypes.calendar!;
  return {
    ...memory,
    dataTypes: {
      calendar: {
        ...calendar,
        ...(calendar.export ? { export: { create: (ctx) => (contexts.push(ctx), calendar.export!.create(ctx)) } } : {}),
        ...(calendar.import ? { import: { ...calendar.import, create: (ctx) => (contexts.push(ctx), calendar.import!.create(ctx)) } } : {}),
      },
    },
  };
}

describe('the server of a password connection', () => {
  it('is in the context of that side only, whose URLs are then called as they are', async () => {
    const h = harness();
    seedPlain(h.source, 4);
    const sourceContexts: AdapterContext[] = [];
    const destinationContexts: AdapterContext[] = [];
    const registry = new Map([
      ['memory-a', recording(h.source.descriptor, sourceContexts)],
      ['memory-b', recording(h.destination.descriptor, destinationContexts)],
    ]);
    const asked: string[] = [];
    const engine = h.engine({
      provider: (id) => registry.get(id)!,
      url: (url) => `https://sandbox.test/${url}`,
      serverUrl: async (provider) => {
        asked.push(provider);
        return provider === 'memory-a' ? SERVER : undefined;
      },
    });

    await h.start(engine);
    await engine.idle();

    expect(destinationCounts(h.destination).events).toBe(4);
    expect(asked).toEqual(['memory-a', 'memory-b']);
    const [source] = sourceContexts;
    const [destination] = destinationContexts;
    expect(source?.serverUrl).toBe(SERVER);
    expect(source?.url(`${SERVER}alice/calendar/`)).toBe(`${SERVER}alice/calendar/`);
    expect(destination?.serverUrl).toBeUndefined();
    expect(destination?.url('https://graph.microsoft.com/v1.0/me')).toBe('https://sandbox.test/https://graph.microsoft.com/v1.0/me');
  });
});
