/**
 * The control API at `<origin>/__sandbox/…`, for tests and the harness: reset, faults, request log,
 * snapshot, seed and dump. Never subject to faults and never logged. See tests/sandbox/README.md.
 */
import { resolve } from 'node:path';
import { FaultPlan, FaultSpecError, parseFaultSpecs } from './faults';
import type { RequestLog } from './request-log';
import type { SandboxTokenStore } from './tokens';
import type { ProviderName, ProviderSandbox, SandboxReply } from './types';

export const CONTROL_PREFIX = '/__sandbox';

export interface ControlState {
  origin: string;
  providers: ReadonlyMap<ProviderName, ProviderSandbox>;
  faults: FaultPlan;
  log: RequestLog;
  tokens: SandboxTokenStore;
}

export interface ControlRequest {
  method: string;
  /** Path below `/__sandbox`, e.g. `/faults`. */
  path: string;
  query: URLSearchParams;
  body(): Promise<Buffer>;
}

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Route = (state: ControlState, req: ControlRequest) => Promise<SandboxReply> | SandboxReply;

const ROUTES: Record<string, Partial<Record<string, Route>>> = {
  '/health': { GET: health },
  '/reset': { POST: reset },
  '/limits/reset': { POST: resetLimits },
  '/faults': { GET: listFaults, POST: addFaults, DELETE: clearFaults },
  '/log': { GET: listLog, DELETE: clearLog },
  '/snapshot': { GET: snapshot },
  '/grants': { GET: grants },
  '/seed': { POST: (state, req) => seedOrDump(state, req, 'seed') },
  '/dump': { POST: (state, req) => seedOrDump(state, req, 'dump') },
};

export async function handleControl(state: ControlState, req: ControlRequest): Promise<SandboxReply> {
  const routes = ROUTES[req.path.replace(/\/+$/, '') || '/health'];
  if (!routes) return json(404, { error: `no control endpoint ${CONTROL_PREFIX}${req.path}; see tests/sandbox/README.md` });
  const route = routes[req.method];
  if (!route) {
    const allow = Object.keys(routes).join(', ');
    const reply = json(405, { error: `${req.method} not allowed on ${CONTROL_PREFIX}${req.path}; use ${allow}` });
    return { ...reply, headers: { ...reply.headers, allow } };
  }
  try {
    return await route(state, req);
  } catch (error) {
    if (error instanceof ControlError) return json(error.status, { error: error.message });
    if (error instanceof FaultSpecError) return json(400, { error: error.message });
    console.error(`[sandbox] ${req.method} ${CONTROL_PREFIX}${req.path} failed:`, error);
    return json(500, { error: (error as Error).message ?? String(error) });
  }
}

function health(state: ControlState): SandboxReply {
  const providers = Object.fromEntries([...state.providers].map(([name, p]) => [name, { hosts: p.hosts }]));
  return json(200, { ok: true, origin: state.origin, providers });
}

async function reset(state: ControlState, req: ControlRequest): Promise<SandboxReply> {
  const body = await jsonBody(req, true);
  const names = body.provider === undefined ? [...state.providers.keys()] : [providerName(state, body.provider)];
  for (const name of names) {
    state.providers.get(name)?.reset();
    state.tokens.reset(name);
    state.faults.clear(name);
    state.log.clear(name);
  }
  return json(200, { ok: true, reset: names });
}

async function resetLimits(state: ControlState, req: ControlRequest): Promise<SandboxReply> {
  const body = await jsonBody(req, true);
  const names = body.provider === undefined ? [...state.providers.keys()] : [providerName(state, body.provider)];
  for (const name of names) state.providers.get(name)?.resetLimits?.();
  return json(200, { ok: true, reset: names });
}

function listFaults(state: ControlState, req: ControlRequest): SandboxReply {
  const provider = optionalProvider(state, req.query);
  return json(200, state.faults.list().filter((f) => !provider || f.provider === provider));
}

async function addFaults(state: ControlState, req: ControlRequest): Promise<SandboxReply> {
  const specs = parseFaultSpecs(await jsonBody(req, false), [...state.providers.keys()]);
  return json(200, { faults: specs.map((spec) => state.faults.add(spec)) });
}

function clearFaults(state: ControlState, req: ControlRequest): SandboxReply {
  state.faults.clear(optionalProvider(state, req.query));
  return json(200, { ok: true });
}

function listLog(state: ControlState, req: ControlRequest): SandboxReply {
  return json(200, state.log.list(optionalProvider(state, req.query)));
}

function clearLog(state: ControlState, req: ControlRequest): SandboxReply {
  state.log.clear(optionalProvider(state, req.query));
  return json(200, { ok: true });
}

function snapshot(state: ControlState, req: ControlRequest): SandboxReply {
  const provider = optionalProvider(state, req.query);
  if (provider) return json(200, state.providers.get(provider)?.snapshot());
  return json(200, Object.fromEntries([...state.providers].map(([name, p]) => [name, p.snapshot()])));
}

function grants(state: ControlState, req: ControlRequest): SandboxReply {
  return json(200, state.tokens.grants(optionalProvider(state, req.query)));
}

async function seedOrDump(state: ControlState, req: ControlRequest, action: 'seed' | 'dump'): Promise<SandboxReply> {
  const body = await jsonBody(req, false);
  const name = providerName(state, body.provider);
  if (typeof body.dir !== 'string' || body.dir === '') throw new ControlError(400, `${action} needs {"provider", "dir"}`);
  const dir = resolve(body.dir);
  const provider = state.providers.get(name);
  try {
    await (action === 'seed' ? provider?.seed(dir) : provider?.dump(dir));
  } catch (error) {
    console.error(`[sandbox] ${action} ${name} ${dir} failed:`, error);
    throw new ControlError(500, `${action} of ${name} from/to ${dir} failed: ${(error as Error).message ?? String(error)}`);
  }
  return json(200, { ok: true, provider: name, dir });
}

async function jsonBody(req: ControlRequest, emptyAllowed: boolean): Promise<Record<string, unknown>> {
  const text = (await req.body()).toString('utf8').trim();
  if (text === '' && emptyAllowed) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ControlError(400, `the body must be JSON; got ${JSON.stringify(text.slice(0, 80))}`);
  }
  if (typeof parsed !== 'object' || parsed === null) throw new ControlError(400, 'the body must be a JSON object or array');
  return parsed as Record<string, unknown>;
}

function optionalProvider(state: ControlState, query: URLSearchParams): ProviderName | undefined {
  const value = query.get('provider');
  return value === null || value === '' ? undefined : providerName(state, value);
}

function providerName(state: ControlState, value: unknown): ProviderName {
  if (typeof value === 'string' && state.providers.has(value as ProviderName)) return value as ProviderName;
  throw new ControlError(400, `provider must be one of ${[...state.providers.keys()].join(', ')}; got ${JSON.stringify(value)}`);
}

const json = (status: number, body: unknown): SandboxReply => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(body ?? null),
});
