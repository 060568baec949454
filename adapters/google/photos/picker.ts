/**
 * The Picker session's life (developers.google.com/photos/picker/guides/sessions): create it, show its
 * `pickerUri` to the person, poll it at its pollInterval until mediaItemsSet, delete it when done.
 */
import { AdapterError, type AdapterContext } from '../../../model/adapter';
import type { PickingSession } from './api-types';
import { googleRequest } from '../client';
import { PICKER_API } from './apis';

/** Longest one exportPage call waits for the person before handing back its cursor (so progress is saved). */
export const MAX_WAIT_PER_CALL_MS = 20_000;
const DEFAULT_POLL_MS = 5_000;

/** `"5s"` / `"3.5s"` → milliseconds. */
export function durationMs(text: string | undefined): number | undefined {
  const m = /^(\d+(?:\.\d+)?)s$/.exec(text ?? '');
  return m ? Math.round(Number(m[1]) * 1000) : undefined;
}

export const sessionUrl = (id: string): string => `${PICKER_API}/sessions/${encodeURIComponent(id)}`;

export function noPickerPage(): AdapterError {
  return new AdapterError(
    'Google Photos lets Ferry read only the photos and videos you pick in Google’s picker, and no browser tab can be opened for it here. Start the transfer from Ferry’s page in your browser, then pick in the tab that opens.',
    'fatal',
  );
}

function pickingOver(): AdapterError {
  return new AdapterError(
    'The Google Photos picker closed before you chose Done (a picking session lasts a limited time). Start the transfer again and pick your photos and videos in the tab that opens.',
    'fatal',
  );
}

/** Creates a session and opens its picker for the person; the caller keeps the id in its cursor. */
export async function startPicking(ctx: AdapterContext): Promise<PickingSession> {
  if (!ctx.openPage) throw noPickerPage();
  const session = await googleRequest<PickingSession>(ctx, 'POST', `${PICKER_API}/sessions`, {});
  // `/autoclose` closes Google's tab once the person is done (sessions guide, "Create a session").
  await ctx.openPage(`${session.pickerUri.replace(/\/$/, '')}/autoclose`);
  return session;
}

const wait = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Polls the session until the person pressed Done (true), or until this call's waiting budget is spent
 * (false: ask again later). A session that timed out or is gone is a fatal error saying what to do.
 */
export async function awaitPicked(ctx: AdapterContext, sessionId: string, budgetMs = MAX_WAIT_PER_CALL_MS): Promise<boolean> {
  const until = Date.now() + budgetMs;
  for (;;) {
    let session: PickingSession;
    try {
      session = await googleRequest<PickingSession>(ctx, 'GET', sessionUrl(sessionId));
    } catch (error) {
      if (error instanceof AdapterError && error.details.status === 404) throw pickingOver();
      throw error;
    }
    if (session.mediaItemsSet) return true;
    const timeout = durationMs(session.pollingConfig?.timeoutIn);
    if (timeout === 0) throw pickingOver();
    const interval = durationMs(session.pollingConfig?.pollInterval) ?? DEFAULT_POLL_MS;
    const left = until - Date.now();
    if (left <= 0) return false;
    await wait(Math.min(interval, left, timeout ?? interval), ctx.signal);
  }
}

/** Deletes the session ("call sessions.delete after each session"); one already gone is fine. */
export async function endPicking(ctx: AdapterContext, sessionId: string): Promise<void> {
  try {
    await googleRequest(ctx, 'DELETE', sessionUrl(sessionId));
  } catch (error) {
    if (!(error instanceof AdapterError && error.details.status === 404)) throw error;
  }
}
