/** Who is connected where, in storage.local: account and scopes, never a token. */
import { browser } from 'wxt/browser';
import type { ProviderId } from '../../../model/adapter';
import type { ConnectionRecord } from './types';

const PREFIX = 'auth:connection:';

export async function loadConnection(provider: ProviderId): Promise<ConnectionRecord | undefined> {
  const item = PREFIX + provider;
  const stored: unknown = (await browser.storage.local.get(item))[item];
  return isConnectionRecord(stored) ? stored : undefined;
}

export async function listConnectionRecords(): Promise<ConnectionRecord[]> {
  const all = await browser.storage.local.get(null);
  return Object.entries(all)
    .filter(([item]) => item.startsWith(PREFIX))
    .map(([, value]) => value)
    .filter(isConnectionRecord);
}

export async function saveConnection(record: ConnectionRecord): Promise<void> {
  await browser.storage.local.set({ [PREFIX + record.provider]: record });
}

export async function markNeedsReconnect(provider: ProviderId): Promise<void> {
  const record = await loadConnection(provider);
  if (record && !record.needsReconnect) await saveConnection({ ...record, needsReconnect: true });
}

export async function deleteConnection(provider: ProviderId): Promise<void> {
  await browser.storage.local.remove(PREFIX + provider);
}

function isConnectionRecord(value: unknown): value is ConnectionRecord {
  const v = value as Partial<ConnectionRecord> | null | undefined;
  return (
    typeof v?.provider === 'string' &&
    typeof v.account?.id === 'string' &&
    Array.isArray(v.scopes) &&
    Array.isArray(v.requestedScopes) &&
    typeof v.needsReconnect === 'boolean' &&
    typeof v.connectedAt === 'number'
  );
}
