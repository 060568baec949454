/**
 * Calls an adapter method that is not per item (exportPage, ensureContainer, lookup), retrying what it
 * classifies as retry after the pacer's backoff, and turning fatal errors into a stop of the job.
 */
import { AdapterError, type ProviderDescriptor } from '../../../model/adapter';
import { stopForFatal, stopForRetriesExhausted } from './job-stop';
import type { Pacer } from './pacer';

export const ADAPTER_CALL_ATTEMPTS = 5;

export async function callAdapter<T>(side: ProviderDescriptor, pacer: Pacer, call: () => Promise<T>, isStopping: () => boolean): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof AdapterError)) throw error;
      // A refusal outside any one item (a calendar it will not create) stops the job like a fatal error.
      if (error.errorClass !== 'retry') throw stopForFatal(error, side);
      if (attempt >= ADAPTER_CALL_ATTEMPTS || isStopping()) throw stopForRetriesExhausted(error, side);
      pacer.record({ kind: error.details.status === 429 ? 'throttled' : 'failed', retryAfterMs: error.details.retryAfterMs });
      await pacer.waitTurn();
    }
  }
}
