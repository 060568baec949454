/**
 * The sandbox server: one HTTPS + HTTP/2 server (HTTP/1.1 too) on 127.0.0.1 that every provider sandbox
 * plugs into. `<origin>/<real host>/<path>` goes to the provider that owns `<real host>`, after the
 * request log and injected faults; `<origin>/__sandbox/…` is the control API (tests/sandbox/README.md).
 */
import { createSecureServer, type Http2SecureServer } from 'node:http2';
import type { Socket } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { loadSandboxCertificate } from './core/certificate';
import { CONTROL_PREFIX, handleControl, type ControlState } from './core/control-api';
import { FaultPlan, retryAfterHeader, type Fault } from './core/faults';
import { dropConnection, sendReply, toSandboxRequest, type NodeRequest, type NodeResponse } from './core/http-exchange';
import { RequestLog } from './core/request-log';
import { SandboxTokenStore } from './core/tokens';
import type { ProviderName, ProviderSandbox, SandboxContext, SandboxReply, SandboxRequest } from './core/types';
import { replyOverWan, requestOverWan, Wan, wanFromEnv, type WanExchange, type WanOptions } from './core/wan';
import { DEFAULT_SANDBOX_PORT, SANDBOX_CLIENT_IDS, sandboxRedirectUri } from './identity';

export type ProviderFactory = (ctx: SandboxContext) => ProviderSandbox;

export interface SandboxOptions {
  /** 0 picks a free port; default FERRY_SANDBOX_PORT or 47443. */
  port?: number;
  /** Accounts to load at start, from the archive layout (`calendar/*.ics`, …). */
  seed?: { provider: ProviderName; dir: string }[];
  /** The provider sandboxes to plug in (default: Google and Microsoft). */
  providers?: ProviderFactory[];
  /** Emulate a wide-area network (core/wan.ts); default FERRY_SANDBOX_WAN, else off. */
  wan?: WanOptions;
  /** Hears every provider exchange with its body sizes (the benchmark's counters); turns the metering on. */
  onExchange?: (exchange: WanExchange) => void;
}

/** The network provider requests go through, when emulated or metered. */
interface WanLink {
  line: Wan;
  onExchange?: (exchange: WanExchange) => void;
}

export interface RunningSandbox {
  origin: string;
  port: number;
  /** Every plugged-in provider by name (with `opts.providers`, only those given). */
  providers: Record<ProviderName, ProviderSandbox>;
  tokens: SandboxTokenStore;
  faults: FaultPlan;
  log: RequestLog;
  close(): Promise<void>;
}

const LISTEN_HOST = '127.0.0.1';

export async function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const port = opts.port ?? Number(process.env.FERRY_SANDBOX_PORT ?? DEFAULT_SANDBOX_PORT);
  const { key, cert } = await loadSandboxCertificate();
  const server = createSecureServer({ allowHTTP1: true, key, cert });
  const sockets = trackSockets(server);
  const actualPort = await listen(server, port);

  const close = () => closeServer(server, sockets);
  try {
    return await plugProvidersIn(server, `https://${LISTEN_HOST}:${actualPort}`, opts, close);
  } catch (error) {
    await close();
    throw error;
  }
}

async function plugProvidersIn(
  server: Http2SecureServer,
  origin: string,
  opts: SandboxOptions,
  close: () => Promise<void>,
): Promise<RunningSandbox> {
  const tokens = new SandboxTokenStore();
  const faults = new FaultPlan();
  const log = new RequestLog();
  const ctx: SandboxContext = {
    origin,
    faults,
    requestLog: log,
    hostUrl: (host) => `${origin}/${host}`,
    tokens,
    redirectUris: { google: [sandboxRedirectUri('google')], microsoft: [sandboxRedirectUri('microsoft')] },
    clientIds: { ...SANDBOX_CLIENT_IDS },
  };
  const factories = opts.providers ?? (await defaultProviderFactories());
  const providers = plugIn(factories.map((create) => create(ctx)));
  const state: ControlState = { origin, providers, faults, log, tokens };
  const byHost = new Map([...providers.values()].flatMap((p) => p.hosts.map((h) => [h.toLowerCase(), p] as const)));
  const wanOptions = opts.wan ?? wanFromEnv(process.env.FERRY_SANDBOX_WAN);
  const wan: WanLink | undefined =
    wanOptions || opts.onExchange ? { line: new Wan(wanOptions ?? { latencyMs: 0, mbit: 0 }), onExchange: opts.onExchange } : undefined;
  server.on('request', (req: NodeRequest, res: NodeResponse) => void route(state, byHost, req, res, wan));
  for (const { provider, dir } of opts.seed ?? []) await seedProvider(providers, provider, dir);
  return {
    origin,
    port: Number(new URL(origin).port),
    providers: Object.fromEntries(providers) as Record<ProviderName, ProviderSandbox>,
    tokens,
    faults: state.faults,
    log: state.log,
    close,
  };
}

/** Loaded only when needed, so the core's own tests (which plug in stand-ins) do not depend on them. */
async function defaultProviderFactories(): Promise<ProviderFactory[]> {
  const [google, microsoft] = await Promise.all([import('./google/index'), import('./microsoft/index')]);
  return [google.createGoogleSandbox, microsoft.createMicrosoftSandbox];
}

function plugIn(list: ProviderSandbox[]): Map<ProviderName, ProviderSandbox> {
  const providers = new Map<ProviderName, ProviderSandbox>();
  const hosts = new Set<string>();
  for (const provider of list) {
    if (providers.has(provider.name)) throw new Error(`two sandboxes are named ${provider.name}`);
    for (const host of provider.hosts) {
      if (hosts.has(host.toLowerCase())) throw new Error(`host ${host} is served by two sandboxes`);
      hosts.add(host.toLowerCase());
    }
    providers.set(provider.name, provider);
  }
  return providers;
}

async function seedProvider(providers: Map<ProviderName, ProviderSandbox>, name: ProviderName, dir: string) {
  const provider = providers.get(name);
  if (!provider) throw new Error(`cannot seed ${name}: no such sandbox (have ${[...providers.keys()].join(', ')})`);
  await provider.seed(resolve(dir));
}

async function route(state: ControlState, byHost: Map<string, ProviderSandbox>, req: NodeRequest, res: NodeResponse, wan?: WanLink) {
  const method = (req.method ?? 'GET').toUpperCase();
  const [rawPath = '/', rawQuery = ''] = splitOnce(req.url ?? '/', '?');
  const query = new URLSearchParams(rawQuery);
  try {
    if (rawPath === CONTROL_PREFIX || rawPath.startsWith(`${CONTROL_PREFIX}/`)) {
      const sreq = toSandboxRequest(req, '', rawPath.slice(CONTROL_PREFIX.length), query);
      await sendReply(res, method, await handleControl(state, { ...sreq, method }));
      return;
    }
    const [, hostSegment = '', path = '/'] = /^\/([^/]*)(\/.*)?$/.exec(rawPath) ?? [];
    const host = hostSegment.toLowerCase();
    const provider = byHost.get(host);
    if (!provider) {
      const known = [...byHost.keys()].join(', ');
      await sendReply(res, method, { status: 404, body: { error: `no sandbox serves host "${host}"; known hosts: ${known}` } });
      return;
    }
    if (method === 'OPTIONS' && req.headers['access-control-request-method']) {
      await sendReply(res, method, preflightReply(req));
      return;
    }
    await serveProvider(state, provider, { req, res, method, host, path, rawQuery, query }, wan);
  } catch (error) {
    console.error(`[sandbox] ${method} ${req.url} failed in the sandbox core:`, error);
    if (!res.headersSent) await sendReply(res, method, { status: 500, body: { error: String(error) } }).catch(() => undefined);
  }
}

interface ProviderExchange {
  req: NodeRequest;
  res: NodeResponse;
  method: string;
  host: string;
  path: string;
  rawQuery: string;
  query: URLSearchParams;
}

async function serveProvider(state: ControlState, provider: ProviderSandbox, x: ProviderExchange, wan?: WanLink) {
  const startedAt = Date.now();
  const request = toSandboxRequest(x.req, x.host, x.path, x.query);
  const onLine = wan && requestOverWan(wan.line, request);
  let status = 0;
  let sent: ReturnType<typeof replyOverWan> | undefined;
  // Heard when the exchange ends either way: a client that went away mid-body (a stopped worker) counts too.
  x.res.once('close', () =>
    wan?.onExchange?.({
      startedAt,
      endedAt: Date.now(),
      method: x.method,
      host: x.host,
      path: x.path,
      query: x.rawQuery,
      status,
      bytesIn: onLine?.bytesIn() ?? 0,
      bytesOut: sent?.bytesOut() ?? 0,
    }),
  );
  if (wan) await wan.line.arrive();
  const fault = state.faults.take({ provider: provider.name, method: x.method, host: x.host, path: x.path });
  const entry = state.log.start({
    provider: provider.name,
    method: x.method,
    host: x.host,
    path: x.path,
    ...(x.rawQuery ? { query: x.rawQuery } : {}),
    ...(fault ? { fault: fault.kind } : {}),
  });
  if (fault?.kind === 'drop') {
    dropConnection(x.req);
    state.log.finish(entry, 0);
    return;
  }
  const reply = fault?.kind === 'status' ? faultReply(provider, fault) : await applyFaultThenHandle(state, provider, fault, x, onLine?.req ?? request);
  status = reply.status;
  sent = wan && replyOverWan(wan.line, x.method, reply);
  if (wan) await wan.line.depart();
  await sendReply(x.res, x.method, sent?.reply ?? reply, corsHeaders(x.req));
  state.log.finish(entry, reply.status);
}

async function applyFaultThenHandle(state: ControlState, provider: ProviderSandbox, fault: Fault | undefined, x: ProviderExchange, request: SandboxRequest) {
  if (fault?.kind === 'slow') await delay(fault.delayMs ?? 1000);
  if (fault?.kind === 'expire-tokens') state.tokens.expireAll(provider.name);
  if (fault?.kind === 'revoke-grants') state.tokens.revokeAll(provider.name);
  try {
    return await provider.handle(request);
  } catch (error) {
    console.error(`[sandbox] ${provider.name} failed on ${x.method} /${x.host}${x.path}:`, error);
    return provider.errorReply(500, 'internalError', `The ${provider.name} sandbox failed: ${(error as Error).message ?? error}`);
  }
}

/** Injected error replies use the provider's own error shape; the code is a generic one unless the fault names it. */
function faultReply(provider: ProviderSandbox, fault: Fault): SandboxReply {
  const status = fault.status ?? 503;
  const headers = fault.retryAfter ? { 'retry-after': retryAfterHeader(fault.retryAfter) } : undefined;
  const code = fault.code ?? FAULT_CODES[status] ?? 'injectedFault';
  return provider.errorReply(status, code, fault.message ?? `Injected fault: HTTP ${status}.`, headers);
}

const FAULT_CODES: Record<number, string> = {
  429: 'rateLimitExceeded',
  500: 'internalError',
  502: 'badGateway',
  503: 'serviceUnavailable',
  504: 'gatewayTimeout',
};

/** Extensions with host permissions skip CORS; these keep the sandbox usable from a plain page too. */
function corsHeaders(req: NodeRequest): Record<string, string> {
  const origin = req.headers.origin;
  return origin ? { 'access-control-allow-origin': origin, 'access-control-expose-headers': '*', vary: 'Origin' } : {};
}

function preflightReply(req: NodeRequest): SandboxReply {
  const requested = req.headers['access-control-request-headers'];
  return {
    status: 204,
    headers: {
      ...corsHeaders(req),
      'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
      'access-control-allow-headers': typeof requested === 'string' ? requested : '*',
      'access-control-max-age': '600',
    },
  };
}

function splitOnce(value: string, separator: string): [string, string] {
  const at = value.indexOf(separator);
  return at < 0 ? [value, ''] : [value.slice(0, at), value.slice(at + 1)];
}

function listen(server: Http2SecureServer, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const hint =
        error.code === 'EADDRINUSE'
          ? `port ${port} on ${LISTEN_HOST} is in use (is another sandbox running?); set FERRY_SANDBOX_PORT or pass --port`
          : error.message;
      reject(new Error(`the sandbox cannot listen: ${hint}`, { cause: error }));
    };
    server.once('error', onError);
    server.listen(port, LISTEN_HOST, () => {
      server.off('error', onError);
      const address = server.address();
      resolvePort(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function trackSockets(server: Http2SecureServer): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return sockets;
}

/** Stops at once: open keep-alive connections and HTTP/2 sessions are cut rather than waited for. */
function closeServer(server: Http2SecureServer, sockets: Set<Socket>): Promise<void> {
  return new Promise((done) => {
    if (!server.listening) return done();
    server.close(() => done());
    for (const socket of sockets) socket.destroy();
  });
}
