/**
 * HTTP plumbing every adapter shares, and the engine's pacer too; it names no provider.
 */
import { AdapterError, type AdapterContext } from '../model/adapter';

/**
 * `Retry-After` (RFC 9110 §10.2.3): either delay-seconds or an HTTP-date (§5.6.7: IMF-fixdate, or the obsolete
 * RFC 850 and asctime forms, which recipients must still accept). Date.parse is not used: it accepts nearly anything.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const LONG_DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';

const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC_850 = new RegExp(`^${LONG_DAY}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
const ASCTIME = new RegExp(`^${DAY} ${MONTH} ( \\d|\\d{2}) ${TIME} (\\d{4})$`);

/** Milliseconds to wait from `nowMs`, or undefined when the header is absent or not valid. A past date is 0. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = parseHttpDate(text, nowMs);
  return at === undefined ? undefined : Math.max(0, at - nowMs);
}

/** An HTTP-date as epoch milliseconds, or undefined. */
export function parseHttpDate(text: string, nowMs: number): number | undefined {
  let match = IMF_FIXDATE.exec(text);
  if (match) {
    const [, day, month, year, h, m, s] = match;
    return utc(Number(year), month!, Number(day), h!, m!, s!);
  }
  match = RFC_850.exec(text);
  if (match) {
    const [, day, month, yy, h, m, s] = match;
    return utc(rfc850Year(Number(yy), nowMs), month!, Number(day), h!, m!, s!);
  }
  match = ASCTIME.exec(text);
  if (match) {
    const [, month, day, h, m, s, year] = match;
    return utc(Number(year), month!, Number(day!.trim()), h!, m!, s!);
  }
  return undefined;
}

/** RFC 9110 §5.6.7: a two-digit year more than 50 years in the future means the most recent past such year. */
function rfc850Year(yy: number, nowMs: number): number {
  const currentYear = new Date(nowMs).getUTCFullYear();
  const year = Math.floor(currentYear / 100) * 100 + yy;
  return year > currentYear + 50 ? year - 100 : year;
}

function utc(year: number, monthName: string, day: number, h: string, m: string, s: string): number | undefined {
  const month = MONTHS.indexOf(monthName);
  const [hour, minute, second] = [Number(h), Number(m), Number(s)];
  if (hour > 23 || minute > 59 || second > 60 || day < 1) return undefined;
  const ms = Date.UTC(year, month, day, hour, minute, Math.min(second, 59));
  return new Date(ms).getUTCDate() === day ? ms : undefined;
}

/**
 * One request through the context's fetch. A network failure becomes a retry-class error naming the
 * provider; the auth layer's own AdapterError (a revoked grant: reconnect) and aborts pass unchanged.
 */
export async function sendRequest(ctx: AdapterContext, provider: string, url: string, init: RequestInit): Promise<Response> {
  try {
    return await ctx.fetch(url, { ...init, signal: ctx.signal });
  } catch (error) {
    if (error instanceof AdapterError || (error as Error).name === 'AbortError') throw error;
    throw new AdapterError(`Ferry could not reach ${provider} (${(error as Error).message}); Ferry will try again.`, 'retry');
  }
}

/** A JSON answer, or a retry-class error quoting the start of what came instead. */
export function parseJsonAnswer<T>(text: string, provider: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new AdapterError(
      `${provider} answered ${what} with something that is not JSON (it starts "${text.slice(0, 60)}"); Ferry will try again.`,
      'retry',
      { providerMessage: text.slice(0, 200) },
    );
  }
}
