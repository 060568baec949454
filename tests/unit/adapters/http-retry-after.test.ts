import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../adapters/http';

const NOW = Date.UTC(2025, 2, 14, 12, 0, 0);

describe('Retry-After (RFC 9110 §10.2.3)', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
  });

  it('reads an IMF-fixdate relative to now', () => {
    expect(parseRetryAfter('Fri, 14 Mar 2025 12:00:30 GMT', NOW)).toBe(30_000);
  });

  it('reads the obsolete RFC 850 and asctime forms', () => {
    expect(parseRetryAfter('Friday, 14-Mar-25 12:01:00 GMT', NOW)).toBe(60_000);
    expect(parseRetryAfter('Fri Mar 14 12:00:05 2025', NOW)).toBe(5_000);
    expect(parseRetryAfter('Sun Mar  2 12:00:00 2025', Date.UTC(2025, 2, 2, 11, 59, 0))).toBe(60_000);
  });

  it('treats a date in the past as no wait', () => {
    expect(parseRetryAfter('Fri, 14 Mar 2025 11:00:00 GMT', NOW)).toBe(0);
  });

  it('rejects garbage', () => {
    for (const value of [null, undefined, '', 'soon', '-5', '1.5', '10s', '2025-03-14T12:00:30Z', 'Fri, 14 Mar 2025 12:00:30 PST', 'Fri, 31 Feb 2025 12:00:00 GMT', 'Fri, 14 Mar 2025 25:00:00 GMT', 'Fri, 14 Foo 2025 12:00:00 GMT']) {
      expect(parseRetryAfter(value, NOW), String(value)).toBeUndefined();
    }
  });
});
