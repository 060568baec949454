import { browser } from 'wxt/browser';
import type { Reply, Request, ResponseByType } from '../background/messages';

/** Sends one request to Ferry's worker and resolves with its value; rejects with the worker's own message. */
export async function askWorker<R extends Request>(request: R): Promise<ResponseByType[R['type']]> {
  let reply: Reply<R['type']> | undefined;
  try {
    reply = (await browser.runtime.sendMessage(request)) as Reply<R['type']> | undefined;
  } catch (error) {
    throw new Error(`Ferry could not reach its background worker (${errorMessage(error)}). Reload this page and try again.`);
  }
  if (!reply) throw new Error("Ferry's background worker did not answer. Reload this page and try again.");
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
