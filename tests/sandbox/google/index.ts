/**
 * The Google sandbox: Google's OAuth authorisation server (token flow), OpenID userinfo, and the
 * Calendar API v3 with its batch endpoint, for the one account alice@example.com.
 */
import type { ProviderSandbox, SandboxContext, SandboxReply, SandboxRequest } from '../core/types';
import { createCalendarApi, type ImportExisting } from './calendar/api';
import { handleBatch } from './calendar/batch';
import { dumpCalendars, seedCalendars } from './calendar/ics';
import { DEFAULT_RATE_LIMIT, UserRateLimiter, type RateLimitOptions } from './calendar/rate-limit';
import { CalendarAccount } from './calendar/store';
import { googleDataTypes } from './data-types';
import { errorForStatus, notFound } from './errors';
import { html } from './http';
import { createAuthorizationEndpoint } from './oauth/authorize';
import { GoogleConsentStore } from './oauth/consent';
import { createTokenEndpoints } from './oauth/token-endpoints';
import { userInfo } from './oauth/userinfo';

export interface GoogleSandboxOptions {
  /**
   * Per-user request limits of the Calendar API; null turns them off. Default: env
   * FERRY_SANDBOX_GOOGLE_RATE_LIMIT (`off`, or `<per second>,<burst>,<per minute>`), else 10/s, burst 20, 600/min.
   */
  rateLimit?: RateLimitOptions | null;
  /** events.import of an iCalUID already in the calendar: Google's 409 `duplicate` (default) or an update. */
  importExisting?: ImportExisting;
  now?: () => number;
}

function rateLimitFromEnv(value: string | undefined): RateLimitOptions | null {
  if (value === undefined || value === '') return DEFAULT_RATE_LIMIT;
  if (value === 'off') return null;
  const [perSecond, burst, perMinute] = value.split(',').map(Number);
  if (![perSecond, burst, perMinute].every((n) => Number.isFinite(n) && (n as number) > 0)) {
    throw new Error(`FERRY_SANDBOX_GOOGLE_RATE_LIMIT must be "off" or "<per second>,<burst>,<per minute>", not "${value}"`);
  }
  return { perSecond: perSecond as number, burst: burst as number, perMinute: perMinute as number };
}

const HOSTS = ['accounts.google.com', 'oauth2.googleapis.com', 'openidconnect.googleapis.com', 'www.googleapis.com'] as const;

export function createGoogleSandbox(ctx: SandboxContext, options: GoogleSandboxOptions = {}): ProviderSandbox & { account: CalendarAccount } {
  const now = options.now ?? Date.now;
  const account = new CalendarAccount(now);
  const consent = new GoogleConsentStore(ctx.tokens);
  const rateLimit = options.rateLimit === undefined ? rateLimitFromEnv(process.env.FERRY_SANDBOX_GOOGLE_RATE_LIMIT) : options.rateLimit;
  const rateLimiter = rateLimit ? new UserRateLimiter(rateLimit, now) : undefined;
  const calendarApi = createCalendarApi({
    account,
    tokens: ctx.tokens,
    importExisting: options.importExisting ?? 'duplicate',
    ...(rateLimiter ? { rateLimiter } : {}),
  });
  const dataTypes = googleDataTypes({ ctx, now });
  const authorize = createAuthorizationEndpoint(ctx, consent);
  const tokenEndpoints = createTokenEndpoints(ctx, consent);

  async function handleApiHost(req: SandboxRequest): Promise<SandboxReply> {
    if (req.path.startsWith('/calendar/v3/')) {
      return calendarApi({ ...req, path: req.path.slice('/calendar/v3'.length) });
    }
    if (req.path === '/batch/calendar/v3' && req.method === 'POST') return handleBatch(req, calendarApi);
    if (req.path === '/oauth2/v3/userinfo' && req.method === 'GET') return userInfo(ctx, req);
    return (await otherDataTypes(req)) ?? notFound().reply();
  }

  async function otherDataTypes(req: SandboxRequest): Promise<SandboxReply | undefined> {
    for (const dataType of dataTypes) {
      const reply = await dataType.handle(req);
      if (reply) return reply;
    }
    return undefined;
  }

  async function handle(req: SandboxRequest): Promise<SandboxReply> {
    switch (req.host) {
      case 'accounts.google.com':
        return (await authorize(req)) ?? html(404, '<!doctype html><html lang="en"><title>Not Found</title><h1>404. That’s an error.</h1></html>');
      case 'oauth2.googleapis.com':
        return (await tokenEndpoints(req)) ?? notFound().reply();
      case 'openidconnect.googleapis.com':
        return req.path === '/v1/userinfo' && req.method === 'GET' ? userInfo(ctx, req) : notFound().reply();
      case 'www.googleapis.com':
        return handleApiHost(req);
      default:
        return (await otherDataTypes(req)) ?? notFound().reply();
    }
  }

  return {
    name: 'google',
    hosts: [...HOSTS, ...dataTypes.flatMap((d) => d.hosts)],
    account,
    handle,
    errorReply: errorForStatus,
    seed: async (dataDir) => {
      await seedCalendars(account, dataDir);
      for (const dataType of dataTypes) {
        dataType.reset();
        await dataType.seed(dataDir);
      }
    },
    dump: async (outDir) => {
      await dumpCalendars(account, outDir);
      for (const dataType of dataTypes) await dataType.dump(outDir);
    },
    snapshot: () => ({
      calendars: [...account.calendars.values()].map((r) => r.calendar),
      events: Object.fromEntries([...account.calendars.values()].map((r) => [r.calendar.id, [...r.events.values()]])),
      ...Object.fromEntries(dataTypes.map((d) => [d.name, d.snapshot()])),
    }),
    reset: () => {
      account.reset();
      for (const dataType of dataTypes) dataType.reset();
      consent.reset();
      rateLimiter?.reset();
    },
  };
}
