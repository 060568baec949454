/** The adapters' fetch as the engine builds it: the injected authorised fetch, paced, retried, URLs rewritten. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { AdapterError, type FetchLike, type ProviderDescriptor } from '../../../model/adapter';
import { destinationCounts, harness, seedPlain } from './harness';

/** The memory source, except that each page first asks `https://api.example.com/page` through ctx.fetch. */
function fetchingSource(memory: ProviderDescriptor): ProviderDescriptor {
  const calendar = memory.dataTypes.calendar!;
  return {
    ...memory,
    dataTypes: {
      calendar: {
        ...calendar,
        export: {
          create: (ctx) => {
            const inner = calendar.export!.create(ctx);
            return {
              dataType: 'calendar',
              async exportPage(cursor) {
                const response = await ctx.fetch(ctx.url(`https://api.example.com/page?account=${ctx.account}`));
                if (!response.ok) throw new AdapterError(`Page refused (${response.status})`, 'fatal', { status: response.status });
                return inner.exportPage(cursor);
              },
            };
          },
        },
      },
    },
  };
}

function setup(answers: (Response | Error)[]) {
  const h = harness();
  seedPlain(h.source, 7);
  const source = fetchingSource(h.source.descriptor);
  const requested: { provider: string; url: string }[] = [];
  const authorizedFetch = (provider: string): FetchLike => async (url) => {
    requested.push({ provider, url });
    const answer = answers.shift() ?? new Response('{}');
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const engine = h.engine({
    provider: (id) => (id === source.id ? source : h.destination.descriptor),
    authorizedFetch,
    url: (real) => real.replace('https://', 'https://127.0.0.1:47443/'),
    pacing: { baseDelayMs: 1, maxDelayMs: 2, jitter: false },
  });
  return { h, engine, requested };
}

describe('engine: the fetch adapters get', () => {
  it('goes through the authorised fetch of the right provider, with URLs rewritten, retrying 503', async () => {
    const { h, engine, requested } = setup([new Response('busy', { status: 503, headers: { 'Retry-After': '0' } })]);
    const job = await h.start(engine);
    await engine.idle();
    expect((await engine.view(job.id)).status).toBe('done');
    expect(requested[0]).toEqual({ provider: 'memory-a', url: 'https://127.0.0.1:47443/api.example.com/page?account=alice' });
    expect(requested).toHaveLength(3);
    expect(destinationCounts(h.destination).created).toBe(7);
  });

  it('asks to reconnect the source when its authorised fetch reports the grant gone', async () => {
    const revoked = new AdapterError('The grant is gone', 'fatal', { status: 401, fatalReason: 'reconnect' });
    const { h, engine } = setup([new Response('{}'), revoked]);
    const job = await h.start(engine);
    await engine.idle();
    expect(await engine.view(job.id)).toMatchObject({ status: 'needs-reconnect', reconnectProvider: 'memory-a' });
    await engine.reconnected('memory-a');
    await engine.idle();
    expect((await engine.view(job.id)).status).toBe('done');
    expect(destinationCounts(h.destination)).toEqual({ events: 7, distinctSources: 7, created: 7 });
  });
});
