/**
 * The fetch adapters get: every request waits for its provider's pacer, gives up on a response that does not
 * start in time, and is retried on 429/5xx/network trouble as `Retry-After` says. The last answer is returned
 * as it came, so the adapter decodes the provider's own error.
 */
import { AdapterError, type FetchLike } from '../../../model/adapter';
import type { Pacer } from './pacer';
import { parseRetryAfter } from '../../../adapters/http';

export interface PacedFetchOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  /**
   * Abort when the response has not started within this time. Chrome ends a service worker's fetch that has
   * had no response start for 30 s; 25 s leaves room to retry.
   */
  responseTimeoutMs: number;
  now: () => number;
}

const DEFAULTS: PacedFetchOptions = { maxRetries: 6, responseTimeoutMs: 25_000, now: () => Date.now() };

const THROTTLED = new Set([429, 503]);
const RETRIED = new Set([429, 500, 502, 503, 504]);

export function pacedFetch(inner: FetchLike, pacer: Pacer, options: Partial<PacedFetchOptions> = {}): FetchLike {
  const opts = { ...DEFAULTS, ...options };
  return async (url, init) => {
    // A streamed body is consumed by the first attempt and cannot be sent again: its caller must resume it.
    const replayable = !(typeof ReadableStream !== 'undefined' && init?.body instanceof ReadableStream);
    const request = { method: init?.method ?? 'GET', url, body: init?.body };
    const units = pacer.unitsOf(request);
    const slots = pacer.slotsOf(request);
    for (let attempt = 0; ; attempt += 1) {
      const release = await pacer.acquire(init?.signal ?? undefined, units, slots);
      const lastAttempt = !replayable || attempt >= opts.maxRetries;
      let response: Response;
      try {
        response = await fetchWithTimeout(inner, url, init, opts.responseTimeoutMs);
      } catch (error) {
        if (error instanceof AdapterError || init?.signal?.aborted) {
          release({ kind: 'ok' });
          throw error;
        }
        release({ kind: 'failed' });
        if (lastAttempt) throw unreachable(url, error, opts.responseTimeoutMs);
        continue;
      }
      if (!RETRIED.has(response.status)) {
        release({ kind: 'ok' });
        return response;
      }
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), opts.now());
      release({ kind: THROTTLED.has(response.status) ? 'throttled' : 'failed', retryAfterMs });
      if (lastAttempt) return response;
      await response.body?.cancel().catch(() => undefined);
    }
  };
}

class ResponseTimeout extends Error {
  override readonly name = 'ResponseTimeout';
}

async function fetchWithTimeout(inner: FetchLike, url: string, init: RequestInit | undefined, timeoutMs: number): Promise<Response> {
  const controller = new AbortController();
  const callerSignal = init?.signal ?? undefined;
  const onCallerAbort = () => controller.abort(callerSignal!.reason);
  callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new ResponseTimeout()), timeoutMs);
  try {
    return await inner(url, { ...init, signal: controller.signal });
  } catch (error) {
    throw controller.signal.reason instanceof ResponseTimeout ? controller.signal.reason : error;
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', onCallerAbort);
  }
}

function unreachable(url: string, error: unknown, timeoutMs: number): AdapterError {
  const host = hostOf(url);
  const message =
    error instanceof ResponseTimeout
      ? `${host} did not answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}, several times in a row.`
      : `Could not reach ${host}: ${error instanceof Error ? error.message : String(error)}.`;
  return new AdapterError(message, 'retry', {});
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
