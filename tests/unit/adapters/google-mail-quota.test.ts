import { describe, expect, it } from 'vitest';
import { gmailQuotaUnits, GMAIL_QUOTA } from '../../../adapters/google/mail/quota';
import { Pacer } from '../../../entrypoints/background/engine/pacer';
import { GmailQuota } from '../../sandbox/google/mail/quota';
import { fakeClock } from '../engine/fake-clock';

const API = 'https://gmail.googleapis.com/gmail/v1/users/me';
const SANDBOX_API = 'https://127.0.0.1:47452/gmail.googleapis.com/gmail/v1/users/me';

describe('Gmail quota units', () => {
  it.each([
    ['GET', `${API}/labels`, 1],
    ['POST', `${API}/labels`, 5],
    ['GET', `${API}/messages?q=rfc822msgid%3Aa%40b&maxResults=1`, 5],
    ['GET', `${API}/messages/18c0f?format=metadata`, 5],
    ['GET', `${SANDBOX_API}/messages/18c0f?format=raw`, 5],
    ['POST', 'https://gmail.googleapis.com/upload/gmail/v1/users/me/messages/import?uploadType=multipart', 25],
    ['POST', 'https://gmail.googleapis.com/upload/gmail/v1/users/me/messages/import?uploadType=resumable', 25],
    ['PUT', 'https://gmail.googleapis.com/upload/gmail/v1/users/me/messages/import?uploadType=resumable&upload_id=xyz', 0],
    ['DELETE', `${API}/messages/18c0f`, 25],
  ])('%s %s costs %i', (method, url, units) => {
    expect(gmailQuotaUnits({ method, url })).toBe(units);
  });

  it('prices a batch as the sum of its calls', () => {
    const body = ['--b', 'Content-Type: application/http', '', 'GET /gmail/v1/users/me/messages/1?format=metadata HTTP/1.1', '', '--b', 'Content-Type: application/http', '', 'GET /gmail/v1/users/me/labels HTTP/1.1', '', '--b--'].join('\r\n');
    expect(gmailQuotaUnits({ method: 'POST', url: 'https://gmail.googleapis.com/batch/gmail/v1', body })).toBe(6);
    expect(gmailQuotaUnits({ method: 'POST', url: 'https://127.0.0.1:1/gmail.googleapis.com/batch', body })).toBe(6);
  });

  it('paces a mix of reads, imports and batches within the sandbox\'s 250 units a second, with no 429, faster than 100 ms a request', async () => {
    const clock = fakeClock(1_000_000);
    // A burst allowance of one import only: the pacer's spacing alone must keep within the quota.
    const sandbox = new GmailQuota({ unitsPerSecond: 250, burstUnits: 25 }, clock.read);
    const pacer = new Pacer({ minIntervalMs: 0, maxConcurrency: 4, quota: GMAIL_QUOTA }, { now: clock.read, sleep: clock.sleep, jitter: false });
    const get = ['GET', `${API}/messages/1?format=metadata`];
    const importOne = ['POST', 'https://gmail.googleapis.com/upload/gmail/v1/users/me/messages/import?uploadType=multipart'];
    const mix = Array.from({ length: 70 }, (_, i) => (i % 7 < 5 ? get : importOne)) as [string, string][];
    const started = clock.now;
    let units = 0;
    for (const [method, url] of mix) {
      const cost = pacer.unitsOf({ method, url });
      const release = await pacer.acquire(undefined, cost);
      expect(() => sandbox.spend(cost)).not.toThrow();
      units += cost;
      release({ kind: 'ok' });
    }
    const seconds = (clock.now - started) / 1000;
    expect(units).toBe(750);
    // 750 units at 250 a second: under 3 s for 70 requests, where a fixed 100 ms gap took 6.9 s.
    expect(seconds).toBeLessThan(3);
  });
});
