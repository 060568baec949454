/**
 * Injected faults: what the control API (`POST /__sandbox/faults`) asks for, and which provider request
 * each one hits. A fault is checked before the provider sees the request.
 */
import type { ProviderName } from './types';

export const FAULT_KINDS = ['status', 'drop', 'slow', 'expire-tokens', 'revoke-grants'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export type RetryAfter = { seconds: number } | { date: true; seconds: number };

export interface FaultSpec {
  provider: ProviderName;
  /** Regular expression tested against `/<host><path>` (no query), e.g. `^/graph\.microsoft\.com/v1\.0/`. */
  pathPattern?: string;
  /** HTTP method, any case; absent matches every method. */
  method?: string;
  kind: FaultKind;
  /** For `status`: the status to answer (default 503). */
  status?: number;
  /** For `status`: adds `Retry-After` in seconds form, or in HTTP-date form with `date: true`. */
  retryAfter?: RetryAfter;
  /** For `slow`: how long the response start is held back (default 1000). */
  delayMs?: number;
  /** How many matching requests the fault hits (default 1). */
  count?: number;
  /** Matching requests let through untouched before the fault starts hitting (default 0). */
  afterRequests?: number;
  /** For `status`: the error code and message handed to the provider's errorReply. */
  code?: string;
  message?: string;
}

export interface Fault extends FaultSpec {
  id: number;
  count: number;
  afterRequests: number;
  /** Matching requests seen so far. */
  seen: number;
  /** Requests hit so far. */
  fired: number;
}

export interface FaultTarget {
  provider: ProviderName;
  method: string;
  host: string;
  path: string;
  /** The kinds that can happen to this request (a request inside a Graph $batch cannot be dropped on its own). */
  kinds?: readonly FaultKind[];
}

export class FaultSpecError extends Error {}

export class FaultPlan {
  private faults: Fault[] = [];
  private patterns = new Map<number, RegExp>();
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, id: this.nextId++, count: spec.count ?? 1, afterRequests: spec.afterRequests ?? 0, seen: 0, fired: 0 };
    if (spec.pathPattern !== undefined) this.patterns.set(fault.id, new RegExp(spec.pathPattern));
    this.faults.push(fault);
    return fault;
  }

  clear(provider?: ProviderName): void {
    this.faults = this.faults.filter((f) => provider !== undefined && f.provider !== provider);
    for (const id of this.patterns.keys()) if (!this.faults.some((f) => f.id === id)) this.patterns.delete(id);
  }

  /** Every fault still armed or spent, in the order they were added. */
  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /**
   * The fault that hits this request, if any. Every armed fault that matches counts the request as seen
   * (so `afterRequests` counts matching requests); the first one past its `afterRequests` fires.
   */
  take(target: FaultTarget): Fault | undefined {
    let hit: Fault | undefined;
    for (const fault of this.faults) {
      if (fault.fired >= fault.count || !this.matches(fault, target)) continue;
      fault.seen += 1;
      if (!hit && fault.seen > fault.afterRequests) {
        fault.fired += 1;
        hit = fault;
      }
    }
    return hit && { ...hit };
  }

  private matches(fault: Fault, target: FaultTarget): boolean {
    if (fault.provider !== target.provider) return false;
    if (target.kinds && !target.kinds.includes(fault.kind)) return false;
    if (fault.method && fault.method.toUpperCase() !== target.method.toUpperCase()) return false;
    const pattern = this.patterns.get(fault.id);
    return !pattern || pattern.test(`/${target.host}${target.path}`);
  }
}

/** `Retry-After` as RFC 9110 §10.2.3 allows: delay-seconds, or an IMF-fixdate. */
export function retryAfterHeader(retryAfter: RetryAfter, now = Date.now()): string {
  if ('date' in retryAfter && retryAfter.date) return new Date(now + retryAfter.seconds * 1000).toUTCString();
  return String(retryAfter.seconds);
}

/** Validates a control-API body into fault specs (one object or an array); throws FaultSpecError. */
export function parseFaultSpecs(body: unknown, providers: readonly string[]): FaultSpec[] {
  const items = Array.isArray(body) ? body : [body];
  if (items.length === 0) throw new FaultSpecError('no fault given');
  return items.map((item, i) => parseFaultSpec(item, providers, items.length > 1 ? `fault[${i}]` : 'fault'));
}

function parseFaultSpec(value: unknown, providers: readonly string[], label: string): FaultSpec {
  if (!isRecord(value)) throw new FaultSpecError(`${label} must be a JSON object`);
  const known = new Set(['provider', 'pathPattern', 'method', 'kind', 'status', 'retryAfter', 'delayMs', 'count', 'afterRequests', 'code', 'message']);
  const unknown = Object.keys(value).filter((k) => !known.has(k));
  if (unknown.length) throw new FaultSpecError(`${label}: unknown field(s) ${unknown.join(', ')}`);
  const { provider, kind } = value;
  if (typeof provider !== 'string' || !providers.includes(provider)) {
    throw new FaultSpecError(`${label}.provider must be one of ${providers.join(', ')}`);
  }
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new FaultSpecError(`${label}.kind must be one of ${FAULT_KINDS.join(', ')}`);
  }
  const spec: FaultSpec = { provider: provider as ProviderName, kind: kind as FaultKind };
  if (value.pathPattern !== undefined) spec.pathPattern = regexSource(value.pathPattern, `${label}.pathPattern`);
  if (value.method !== undefined) spec.method = text(value.method, `${label}.method`);
  if (value.code !== undefined) spec.code = text(value.code, `${label}.code`);
  if (value.message !== undefined) spec.message = text(value.message, `${label}.message`);
  if (value.status !== undefined) spec.status = integer(value.status, `${label}.status`, 400, 599);
  if (value.delayMs !== undefined) spec.delayMs = integer(value.delayMs, `${label}.delayMs`, 0, 600_000);
  if (value.count !== undefined) spec.count = integer(value.count, `${label}.count`, 1, Number.MAX_SAFE_INTEGER);
  if (value.afterRequests !== undefined) {
    spec.afterRequests = integer(value.afterRequests, `${label}.afterRequests`, 0, Number.MAX_SAFE_INTEGER);
  }
  if (value.retryAfter !== undefined) spec.retryAfter = retryAfter(value.retryAfter, `${label}.retryAfter`);
  return spec;
}

function retryAfter(value: unknown, label: string): RetryAfter {
  if (!isRecord(value)) throw new FaultSpecError(`${label} must be {seconds} or {date: true, seconds}`);
  const seconds = integer(value.seconds, `${label}.seconds`, 0, 86_400);
  if (value.date === undefined || value.date === false) return { seconds };
  if (value.date === true) return { date: true, seconds };
  throw new FaultSpecError(`${label}.date must be true or absent`);
}

function regexSource(value: unknown, label: string): string {
  const source = text(value, label);
  try {
    new RegExp(source);
  } catch (error) {
    throw new FaultSpecError(`${label} is not a valid regular expression: ${(error as Error).message}`);
  }
  return source;
}

function text(value: unknown, label: string): string {
  if (typeof value !== 'string' || value === '') throw new FaultSpecError(`${label} must be a non-empty string`);
  return value;
}

function integer(value: unknown, label: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new FaultSpecError(`${label} must be an integer from ${min} to ${max}`);
  }
  return value;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
