/**
 * The throughput the emulated network and the sandbox's quotas allow, per scenario, with the formula and its
 * numbers (written into results.json). Media is bound by the bandwidth and OneDrive's requests per user;
 * contacts and mail by Outlook's per-mailbox limits (requests per window, requests in flight), Graph's batch
 * size and the source's read quota.
 */
import { DEFAULT_PEOPLE_QUOTA } from '../sandbox/google/contacts/quota';
import { GMAIL_QUOTA_UNITS } from '../sandbox/google/mail/methods';
import { GMAIL_QUOTA } from '../sandbox/google/mail/quota';
import { ONEDRIVE_USER_LIMITS, OUTLOOK_LIMITS } from '../sandbox/microsoft/graph/throttle';
import { FRAGMENT_BYTES } from '../../adapters/microsoft/photos/upload';

export interface Limit {
  /** Bytes per second (media) or items per second (contacts, mail). */
  perSecond: number;
  unit: 'bytes/s' | 'items/s';
  formula: string;
  terms: Record<string, number>;
}

export interface Network {
  latencyMs: number;
  mbit: number;
}

/** Graph's $batch takes at most 20 requests (https://learn.microsoft.com/graph/json-batching). */
const GRAPH_BATCH = 20;
/** People API connections.list's largest page. */
const PEOPLE_PAGE = 1000;
/** Gmail messages.list's largest page. */
const GMAIL_LIST_PAGE = 500;

const bytesPerSecond = (net: Network): number => (net.mbit * 1_000_000) / 8;
const graphServiceMs = (): number => Number(process.env.FERRY_SANDBOX_GRAPH_SERVICE_MS ?? 10);

/**
 * Files of these sizes into OneDrive: T = max(T_bytes, T_window), limit = bytes / T. T_bytes = bytes / B, uploads
 * and downloads each having a direction of that width; T_window = window × floor((R − 1) / W) for R OneDrive
 * requests (a session create and a PUT per fragment each file) under the user's W per window.
 */
export function mediaLimit(net: Network, sizes: readonly number[]): Limit {
  const bytes = sizes.reduce((a, b) => a + b, 0);
  const R = sizes.reduce((n, size) => n + 1 + Math.max(1, Math.ceil(size / FRAGMENT_BYTES)), 0);
  const W = ONEDRIVE_USER_LIMITS.requestsPerWindow;
  const windowS = ONEDRIVE_USER_LIMITS.windowMs / 1000;
  const tBytes = bytes / bytesPerSecond(net);
  const tWindow = windowS * Math.floor(Math.max(0, R - 1) / W);
  return {
    perSecond: bytes / Math.max(tBytes, tWindow),
    unit: 'bytes/s',
    formula:
      'bytes / max(T_bytes, T_window); T_bytes = bytes / B, B = mbit × 10^6 / 8 bytes/s (uploads to OneDrive and downloads from Google each have a direction of that width); ' +
      'T_window = window_s × floor((R − 1) / W), R = Σ (1 session + ceil(size / fragment) PUTs) (SharePoint: W requests per user per window)',
    terms: { mbit: net.mbit, B: bytesPerSecond(net), bytes, R, W, window_s: windowS, fragment: FRAGMENT_BYTES, T_bytes: tBytes, T_window: tWindow },
  };
}

interface DestinationRequests {
  /** Requests Graph must receive at least, and how many of them one call may carry. */
  groups: { count: number; perCall: number }[];
}

/**
 * n items over Outlook: T = max(T_window, T_inflight, T_source, T_bytes), limit = n / T, where
 * T_window = window × floor((R − 1) / W) (R requests, W per window: the R-th may start only then),
 * T_inflight = Σ calls × (2·latency + perCall·S) / C (C requests in flight, each holding its slot S ms),
 * T_source the source's read quota, T_bytes = bytes / B.
 */
function outlookLimit(n: number, net: Network, dest: DestinationRequests, source: { seconds: number; formula: string; terms: Record<string, number> }, bytes: number): Limit {
  const R = dest.groups.reduce((s, g) => s + g.count, 0);
  const W = OUTLOOK_LIMITS.requestsPerWindow;
  const windowS = OUTLOOK_LIMITS.windowMs / 1000;
  const C = OUTLOOK_LIMITS.concurrentRequests;
  const S = graphServiceMs();
  const tWindow = windowS * Math.floor(Math.max(0, R - 1) / W);
  const tInflight = dest.groups.reduce((s, g) => s + (Math.ceil(g.count / g.perCall) * (2 * net.latencyMs + g.perCall * S)) / 1000 / C, 0);
  const tBytes = bytes / bytesPerSecond(net);
  const t = Math.max(tWindow, tInflight, source.seconds, tBytes);
  return {
    perSecond: n / t,
    unit: 'items/s',
    formula:
      'n / max(T_window, T_inflight, T_source, T_bytes); T_window = window_s × floor((R − 1) / W); ' +
      'T_inflight = Σ ceil(count / perCall) × (2·latency + perCall·S) / C; T_bytes = bytes / B; ' +
      source.formula,
    terms: { n, R, W, window_s: windowS, C, S_ms: S, latency_ms: net.latencyMs, bytes, B: bytesPerSecond(net), T_window: tWindow, T_inflight: tInflight, T_source: source.seconds, T_bytes: tBytes, ...source.terms },
  };
}

/** n contacts (`withPhoto` of them with a photo): one create each, batched 20 a call, plus one photo PUT each. */
export function contactsLimit(n: number, withPhoto: number, bytes: number, net: Network): Limit {
  const pages = Math.ceil(n / PEOPLE_PAGE);
  const reads = DEFAULT_PEOPLE_QUOTA.readsPerMinute;
  const source = {
    seconds: 60 * Math.floor(Math.max(0, pages - 1) / reads),
    formula: 'T_source = 60 × floor((pages − 1) / reads_per_minute), pages = ceil(n / 1000) (People API connections.list)',
    terms: { source_pages: pages, reads_per_minute: reads },
  };
  return outlookLimit(n, net, { groups: [{ count: n, perCall: GRAPH_BATCH }, { count: withPhoto, perCall: 1 }] }, source, bytes);
}

/**
 * n mails: one MIME create each and one state update each, both batched 20 a call (a text/plain body travels
 * in a $batch as base64). The lookup by internetMessageId Ferry makes first is Ferry's choice, not counted.
 */
export function mailLimit(n: number, bytes: number, net: Network): Limit {
  const units = n * GMAIL_QUOTA_UNITS['messages.get'] + Math.ceil(n / GMAIL_LIST_PAGE) * GMAIL_QUOTA_UNITS['messages.list'];
  const source = {
    seconds: Math.max(0, units - GMAIL_QUOTA.burstUnits) / GMAIL_QUOTA.unitsPerSecond,
    formula: 'T_source = (units − burst) / units_per_second, units = 5 per messages.get + 5 per messages.list page of 500 (Gmail)',
    terms: { gmail_units: units, gmail_units_per_second: GMAIL_QUOTA.unitsPerSecond },
  };
  return outlookLimit(n, net, { groups: [{ count: n, perCall: GRAPH_BATCH }, { count: n, perCall: GRAPH_BATCH }] }, source, bytes);
}
