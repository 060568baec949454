/**
 * Keeps the MV3 worker alive while a transfer runs: since Chrome 110 every extension API call resets the
 * worker's 30-second idle timer (https://developer.chrome.com/docs/extensions/develop/concepts/service-workers/lifecycle#idle-shutdown),
 * so one cheap call every 20 s is enough. Stops itself once nothing runs.
 */
import { browser } from 'wxt/browser';

export const KEEP_ALIVE_INTERVAL_MS = 20_000;

export interface KeepAlive {
  /** Starts pinging if something runs and no ping is scheduled yet. */
  ensure(): void;
}

export function createKeepAlive(
  isBusy: () => boolean,
  ping: () => Promise<unknown> = () => browser.runtime.getPlatformInfo(),
): KeepAlive {
  let timer: ReturnType<typeof setInterval> | undefined;
  const tick = () => {
    if (isBusy()) {
      void ping().catch(() => undefined);
      return;
    }
    clearInterval(timer);
    timer = undefined;
  };
  return {
    ensure() {
      if (timer === undefined && isBusy()) timer = setInterval(tick, KEEP_ALIVE_INTERVAL_MS);
    },
  };
}
