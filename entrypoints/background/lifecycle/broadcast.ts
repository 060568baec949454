/** Tells open Ferry pages a transfer changed, so they refresh at once instead of at their next poll. */
import { browser } from 'wxt/browser';

/** The one message the worker sends to pages (they also poll `job/get`, so a missed one costs nothing). */
export interface JobChanged {
  type: 'job/changed';
  jobId: string;
}

export async function broadcastJobChanged(jobId: string): Promise<void> {
  const message: JobChanged = { type: 'job/changed', jobId };
  try {
    await browser.runtime.sendMessage(message);
  } catch (error) {
    if (!isNoReceiver(error)) console.warn('Ferry could not tell its pages a transfer changed:', error);
  }
}

/** No Ferry page is open: "Could not establish connection. Receiving end does not exist." */
function isNoReceiver(error: unknown): boolean {
  return error instanceof Error && /Receiving end does not exist|No listeners available/.test(error.message);
}
