import { describe, expect, it } from 'vitest';
import {
  formatByteRate,
  formatBytes,
  formatItemCount,
  formatItemRate,
  formatTimeLeft,
} from '../../../entrypoints/transfer/format';

describe('formatBytes', () => {
  it('counts in decimal units with one decimal', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1500)).toBe('1.5 KB');
    expect(formatBytes(4_500_000)).toBe('4.5 MB');
    expect(formatBytes(123_456_789)).toBe('123.5 MB');
    expect(formatBytes(2.5e12)).toBe('2.5 TB');
  });

  it('moves to the next unit instead of showing 1000.0', () => {
    expect(formatBytes(999_960)).toBe('1.0 MB');
  });
});

describe('rates', () => {
  it('shows items and bytes per second', () => {
    expect(formatItemRate(12.34)).toBe('12.3 items/s');
    expect(formatItemRate(0.04)).toBe('under 0.1 items/s');
    expect(formatByteRate(4_500_000)).toBe('4.5 MB/s');
  });
});

describe('formatTimeLeft', () => {
  it('rounds to minutes, hours and days', () => {
    expect(formatTimeLeft(30)).toBe('Less than a minute left');
    expect(formatTimeLeft(120)).toBe('About 2 min left');
    expect(formatTimeLeft(3599)).toBe('About 1 h left');
    expect(formatTimeLeft(8100)).toBe('About 2 h 15 min left');
    expect(formatTimeLeft(86_400)).toBe('About 1 day left');
    expect(formatTimeLeft(3 * 86_400)).toBe('About 3 days left');
  });
});

describe('formatItemCount', () => {
  it('says "of total" once the total is known, "so far" before', () => {
    expect(formatItemCount(40, 100, true)).toBe('40 of 100 items');
    expect(formatItemCount(0, 1, true)).toBe('0 of 1 item');
    expect(formatItemCount(7, 30, false)).toBe('7 items so far');
    expect(formatItemCount(1, 1, false)).toBe('1 item so far');
  });
});
