/**
 * The Microsoft sandbox: the identity platform (login.microsoftonline.com, v2.0) and Microsoft Graph
 * v1.0 calendars and events (graph.microsoft.com) for one account, alice@contoso.example.
 */
import type { ProviderSandbox, SandboxContext, SandboxReply, SandboxRequest } from '../core/types';
import { GRAPH_HOST, LOGIN_HOST } from './account';
import { dumpArchive, seedArchive } from './calendar/archive';
import { snapshotOf } from './calendar/snapshot';
import { CalendarStore } from './calendar/store';
import { graphDataTypes } from './data-types';
import { graphErrorReply } from './graph/errors';
import { createGraphApi } from './graph/index';
import { RequestThrottle, OUTLOOK_LIMITS, type ThrottleLimits } from './graph/throttle';
import { createIdentityPlatform } from './identity/index';
import { IdentityState } from './identity/state';

export interface MicrosoftSandboxOptions {
  now?: () => number;
  /** How long each mailbox request holds its concurrency slot (env FERRY_SANDBOX_GRAPH_SERVICE_MS, default 10). */
  serviceTimeMs?: number;
  mailboxLimits?: Partial<ThrottleLimits>;
  driveLimits?: Partial<ThrottleLimits>;
}

export const createMicrosoftSandbox = (ctx: SandboxContext, options: MicrosoftSandboxOptions = {}): ProviderSandbox => {
  const now = options.now ?? Date.now;
  const store = new CalendarStore();
  const identityState = new IdentityState();
  const throttle = new RequestThrottle({ ...OUTLOOK_LIMITS, ...options.mailboxLimits }, now);
  const identity = createIdentityPlatform({ ctx, state: identityState, now });
  const dataTypes = graphDataTypes({ ctx, now, ...(options.driveLimits && { driveLimits: options.driveLimits }) });
  const graph = createGraphApi({
    dataTypes,
    ctx,
    store,
    throttle,
    now,
    serviceTimeMs: options.serviceTimeMs ?? Number(process.env.FERRY_SANDBOX_GRAPH_SERVICE_MS ?? 10),
  });

  return {
    name: 'microsoft',
    hosts: [LOGIN_HOST, GRAPH_HOST, ...dataTypes.flatMap((d) => d.hosts)],
    handle: (req: SandboxRequest): Promise<SandboxReply> => {
      if (req.host === LOGIN_HOST) return identity.handle(req);
      if (req.host === GRAPH_HOST) return graph.handle(req);
      const owner = dataTypes.find((d) => d.hosts.includes(req.host) && d.handleHost);
      return owner?.handleHost ? owner.handleHost(req) : graph.handle(req);
    },
    errorReply: (status, code, message, headers) => graphErrorReply(status, code, message, undefined, headers),
    seed: async (dataDir) => {
      await seedArchive(store, dataDir);
      for (const dataType of dataTypes) {
        dataType.reset();
        await dataType.seed(dataDir);
      }
    },
    dump: async (outDir) => {
      await dumpArchive(store, outDir);
      for (const dataType of dataTypes) await dataType.dump(outDir);
    },
    snapshot: () => ({ ...snapshotOf(store), ...Object.fromEntries(dataTypes.map((d) => [d.name, d.snapshot()])) }),
    resetLimits: () => {
      throttle.reset();
      for (const dataType of dataTypes) dataType.resetLimits?.();
    },
    reset: () => {
      store.reset();
      for (const dataType of dataTypes) dataType.reset();
      identityState.reset();
      throttle.reset();
    },
  };
};
