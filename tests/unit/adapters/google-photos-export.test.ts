import { describe, expect, it } from 'vitest';
import { GooglePhotosExporter } from '../../../adapters/google/photos/export';
import { AdapterError, type AdapterContext } from '../../../model/adapter';

describe('Google Photos export without a person to pick', () => {
  it('fails at once, fatally, saying what to do, and calls nothing', async () => {
    let calls = 0;
    const ctx: AdapterContext = { account: 'a', url: (u) => u, fetch: async () => (calls++, new Response('{}')) };
    const error = await new GooglePhotosExporter(ctx).exportPage(undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterError);
    expect((error as AdapterError).errorClass).toBe('fatal');
    expect((error as AdapterError).message).toMatch(/pick/);
    expect(calls).toBe(0);
  });
});
