/**
 * Gmail's per-user quota: 250 quota units per user per second, each method costing its units
 * (https://developers.google.com/workspace/gmail/api/reference/quota). The engine's pacer spaces Gmail
 * requests by these costs, so reads go five times as often as imports and neither draws a 429.
 */
import type { RequestQuota } from '../../../model/adapter';

export const GMAIL_UNITS_PER_SECOND = 250;

/** What a call outside the table below costs: the dearest method Ferry calls, so the pacer errs on the slow side. */
const UNLISTED_UNITS = 25;

/** [HTTP method, path below users/{userId}/, units], from Google's table. */
const METHOD_UNITS: readonly [string, RegExp, number][] = [
  ['GET', /^profile$/, 1],
  ['GET', /^labels$/, 1],
  ['GET', /^labels\/[^/]+$/, 1],
  ['POST', /^labels$/, 5],
  ['GET', /^messages$/, 5],
  ['GET', /^messages\/[^/]+$/, 5],
  ['GET', /^messages\/[^/]+\/attachments\/[^/]+$/, 5],
  ['POST', /^messages\/import$/, 25],
  ['POST', /^messages$/, 25],
];

const CALL_PATH = /\/gmail\/v1\/users\/[^/]+\/(.+)$/;
const BATCH_PATH = /\/batch(?:\/gmail\/v1)?$/;
const BATCH_CALL = /^(GET|POST|PUT|PATCH|DELETE) (\S+) HTTP\/1\.1\r?$/gm;

function callUnits(method: string, pathname: string): number {
  const path = CALL_PATH.exec(pathname)?.[1];
  if (path === undefined) return UNLISTED_UNITS;
  return METHOD_UNITS.find(([m, pattern]) => m === method && pattern.test(path))?.[2] ?? UNLISTED_UNITS;
}

/** Units of one request to Gmail: a batch costs the sum of its calls; a resumable upload's chunks ride on the import that opened the session. */
export function gmailQuotaUnits(request: { method: string; url: string; body?: unknown }): number {
  const url = new URL(request.url);
  const method = request.method.toUpperCase();
  if (BATCH_PATH.test(url.pathname)) {
    if (typeof request.body !== 'string') return UNLISTED_UNITS;
    return [...request.body.matchAll(BATCH_CALL)].reduce((sum, [, m, target]) => sum + callUnits(m!, new URL(target!, url.origin).pathname), 0);
  }
  if (url.searchParams.has('upload_id')) return 0;
  return callUnits(method, url.pathname);
}

export const GMAIL_QUOTA: RequestQuota = { unitsPerSecond: GMAIL_UNITS_PER_SECOND, cost: gmailQuotaUnits };
