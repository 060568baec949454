/**
 * What every adapter's conformance target does against its sandbox started in this process: an adapter
 * context authorised by a token the sandbox's own store issued (with exactly the descriptor's scopes, so a
 * call outside them fails as at the provider), and seeding from model events through the archive layout.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import type { AdapterContext, DataTypeSupport, ProviderDescriptor } from '../../model/adapter';
import { writeCalendarFile } from '../../model/calendar-ics';
import type { ProviderName, ProviderSandbox } from '../sandbox/core/types';
import { SANDBOX_CLIENT_IDS } from '../sandbox/identity';
import type { RunningSandbox } from '../sandbox/server';
import type { SeedCalendar } from './calendar.suite';

export function sandboxContext(
  sandbox: RunningSandbox,
  name: ProviderName,
  provider: ProviderDescriptor,
  support: DataTypeSupport,
  account: { tokenAccount: string; contextAccount: string },
): { ctx: AdapterContext; close(): Promise<void> } {
  const { accessToken } = sandbox.tokens.issue(
    {
      provider: name,
      clientId: SANDBOX_CLIENT_IDS[name],
      account: account.tokenAccount,
      scopes: [...(provider.auth.kind === 'oauth' ? provider.auth.baseScopes : []), ...support.scopes.export, ...support.scopes.import],
    },
    { expiresInSec: 3600, refresh: false },
  );
  // The sandbox's certificate is self-signed; only this process's requests to it skip the check.
  const dispatcher = new Agent({ connect: { rejectUnauthorized: false } });
  const ctx: AdapterContext = {
    account: account.contextAccount,
    url: (real) => {
      const url = new URL(real);
      return `${sandbox.origin}/${url.host}${url.pathname}${url.search}`;
    },
    fetch: async (url, init) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${accessToken}`);
      const response = await undiciFetch(url, { ...(init as Parameters<typeof undiciFetch>[1]), headers, dispatcher });
      return response as unknown as Response;
    },
    anonymousFetch: async (url, init) => (await undiciFetch(url, { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher })) as unknown as Response,
  };
  return {
    ctx,
    close: async () => {
      await dispatcher.close();
      await sandbox.close();
    },
  };
}

/** Empties the account and seeds it from the archive layout: `calendar/primary.ics` for the default calendar, one file per other. */
export async function seedCalendars(account: ProviderSandbox, calendars: readonly SeedCalendar[]): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), `ferry-${account.name}-seed-`));
  try {
    await mkdir(join(dir, 'calendar'), { recursive: true });
    for (const c of calendars) {
      const text = writeCalendarFile({ name: c.name, description: c.description, timeZone: c.timeZone }, c.events);
      await writeFile(join(dir, 'calendar', `${c.isDefault ? 'primary' : c.name}.ics`), text);
    }
    account.reset();
    await account.seed(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
