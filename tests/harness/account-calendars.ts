import path from 'node:path';
import type { ProviderName } from '../sandbox/core/types';
import { SANDBOX_ACCOUNTS } from '../sandbox/identity';
import { keyedByContent, readCalendarFacts, type CalendarDump } from './calendar-facts';
import type { SandboxControl } from './sandbox-control';

/** Providers that assign their own event UID (Graph's iCalUId is read-only). */
const ASSIGNS_OWN_UID: ReadonlySet<ProviderName> = new Set(['microsoft']);

/**
 * A sandbox account's calendars as a person sees them, dumped to `<scratch>/<label>`. When either side of
 * the transfer assigns its own UIDs, events are keyed by content instead of UID on both sides.
 */
export async function accountCalendars(
  control: SandboxControl,
  provider: ProviderName,
  scratch: string,
  label: string,
  transfer: { from: ProviderName; to: ProviderName },
): Promise<CalendarDump> {
  const dir = path.join(scratch, label);
  await control.dump(provider, dir);
  const dump = await readCalendarFacts(dir, Object.values(SANDBOX_ACCOUNTS));
  return ASSIGNS_OWN_UID.has(transfer.from) || ASSIGNS_OWN_UID.has(transfer.to) ? keyedByContent(dump) : dump;
}
