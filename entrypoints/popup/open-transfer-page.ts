import { browser } from 'wxt/browser';

/** Opens the full transfer page (on one job when given) and closes the popup, which has done its part. */
export function openTransferPage(jobId?: string): void {
  const hash = jobId ? `#job=${encodeURIComponent(jobId)}` : '';
  void browser.tabs.create({ url: `${browser.runtime.getURL('/transfer.html')}${hash}` }).then(() => window.close());
}
