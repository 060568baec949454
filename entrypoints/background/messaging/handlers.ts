/** What each request does: auth and engine calls, with checks that give a person a sentence to act on. */
import type { DataType, ProviderDescriptor, ProviderId } from '../../../model/adapter';
import { DATA_TYPE_LABELS, DATA_TYPES } from '../../../model/data-types';
import { LOCAL_FILES_ACCOUNT, type Auth, type ConnectionState } from '../auth';
import { dataTypeScopes, missingScopes } from '../auth/scopes';
import { parseServerUrl, serverHostPermissions } from '../auth/server-url';
import { hostPatterns, plainHttpHosts } from '../build-config';
import type { JobView, PasswordCredentialsInput, ProviderAuthView, ProviderView, Request, RequestType, ResponseByType, Role } from '../messages';
import { isFinished, POLL_VIEW_AGE_MS, usesProvider, type TransferEngine } from './engine-port';

export interface HandlerDeps {
  providers: readonly ProviderDescriptor[];
  auth: Auth;
  engine(): Promise<TransferEngine>;
  /** Whether the person has granted these host-permission patterns. */
  hasHostPermission(patterns: string[]): Promise<boolean>;
  /** A job is gone without having finished: its providers' tokens may go. */
  jobForgotten(job: JobView): Promise<void>;
  /** Chosen files or a job's files may no longer be needed: remove what nothing refers to. */
  localFilesChanged?(): Promise<void>;
}

export type Handlers = {
  [T in RequestType]: (request: Extract<Request, { type: T }>) => Promise<ResponseByType[T]>;
};

export function createHandlers(deps: HandlerDeps): Handlers {
  const provider = (id: ProviderId) => {
    const found = deps.providers.find((p) => p.id === id);
    if (!found) throw new Error(`Ferry does not know the service "${id}".`);
    return found;
  };
  const withEngine = async <T>(use: (engine: TransferEngine) => T | Promise<T>) => use(await deps.engine());
  const job = (jobId: string) =>
    withEngine(async (engine) => {
      const view = await engine.view(jobId, POLL_VIEW_AGE_MS);
      if (!view) throw new Error('This transfer no longer exists; it may have been forgotten. Reload the page.');
      return view;
    });

  return {
    'providers/list': async () => deps.providers.map(providerView),
    'connections/list': () => deps.auth.connections(),
    connect: async ({ provider: id, role, dataTypes, credentials, chosen }) => {
      const descriptor = provider(id);
      checkSupported(descriptor, role, dataTypes);
      if (!(await deps.hasHostPermission(connectPermissions(descriptor, credentials)))) {
        throw new Error(`Ferry needs your permission to reach ${descriptor.name} first. Connect again and allow access when the browser asks.`);
      }
      const requiredAccount = await withEngine(async (engine) =>
        (await engine.list()).filter((j) => !isFinished(j) && usesProvider(j, id)).map((j) => accountAt(j, id))[0],
      );
      const connection = await deps.auth.connect(id, {
        role,
        dataTypes,
        ...(requiredAccount ? { requiredAccount } : {}),
        ...(credentials ? { credentials } : {}),
        ...(chosen ? { chosen } : {}),
      });
      await deps.localFilesChanged?.();
      await withEngine((engine) => engine.reconnected(id));
      return connection;
    },
    disconnect: async ({ provider: id }) => {
      await deps.auth.disconnect(id);
      await deps.localFilesChanged?.();
      return null;
    },
    'job/start': async ({ source, destination, dataTypes }) => {
      checkSupported(provider(source), 'source', dataTypes);
      checkSupported(provider(destination), 'destination', dataTypes);
      const from = await usableConnection(deps.auth, provider(source), 'source', dataTypes);
      const to = await usableConnection(deps.auth, provider(destination), 'destination', dataTypes);
      return withEngine((engine) =>
        engine.start({ source, sourceAccount: from.account.id, destination, destinationAccount: to.account.id, dataTypes }),
      );
    },
    'job/pause': ({ jobId }) => withEngine((engine) => engine.pause(jobId)),
    'job/resume': ({ jobId }) => withEngine((engine) => engine.resume(jobId)),
    'job/cancel': ({ jobId }) => withEngine((engine) => engine.cancel(jobId)),
    'job/retry-failed': ({ jobId }) => withEngine((engine) => engine.retryFailed(jobId)),
    'job/forget': async ({ jobId }) => {
      const view = await job(jobId);
      await withEngine((engine) => engine.forget(jobId));
      if (!isFinished(view)) await deps.jobForgotten(view);
      await deps.localFilesChanged?.();
      return null;
    },
    'jobs/list': () => withEngine((engine) => engine.list(POLL_VIEW_AGE_MS)),
    'job/get': ({ jobId }) => job(jobId),
    'engine/metrics': () => withEngine((engine) => engine.metrics()),
  };
}

function providerView(provider: ProviderDescriptor): ProviderView {
  return {
    id: provider.id,
    name: provider.name,
    // A password provider's server is the person's own in every build: its patterns are never rewritten.
    hostPermissions: provider.auth.kind === 'password' ? [...provider.hostPermissions] : hostPatterns(provider.hostPermissions),
    auth: authView(provider),
    dataTypes: DATA_TYPES.flatMap((dataType) => {
      const support = provider.dataTypes[dataType];
      return support ? [{ dataType, export: support.export !== undefined, import: support.import !== undefined }] : [];
    }),
  };
}

function authView(provider: ProviderDescriptor): ProviderAuthView {
  return provider.auth.kind === 'oauth' ? { kind: 'oauth' } : provider.auth;
}

/**
 * The host permissions a connection needs: the provider's own hosts, or for a password provider the server the
 * person typed (the page asked for exactly these on the click). Files on disk need none.
 */
function connectPermissions(provider: ProviderDescriptor, credentials: PasswordCredentialsInput | undefined): string[] {
  if (provider.auth.kind === 'local-files') return [];
  if (provider.auth.kind !== 'password') return hostPatterns(provider.hostPermissions);
  if (!credentials) throw new Error(`Type your ${provider.name} server's address, your user name and an app password, then choose Connect.`);
  return serverHostPermissions(parseServerUrl(credentials.serverUrl, plainHttpHosts), provider.hostPermissions);
}

function checkSupported(provider: ProviderDescriptor, role: Role, dataTypes: readonly DataType[]): void {
  const direction = role === 'source' ? 'export' : 'import';
  const unsupported = dataTypes.filter((type) => !provider.dataTypes[type]?.[direction]);
  if (unsupported.length === 0) return;
  const what = unsupported.map((type) => DATA_TYPE_LABELS[type]).join(', ');
  throw new Error(
    role === 'source'
      ? `Ferry cannot read ${what} from ${provider.name} yet. Choose other data or another source.`
      : `Ferry cannot write ${what} to ${provider.name} yet. Choose other data or another destination.`,
  );
}

async function usableConnection(
  auth: Auth,
  provider: ProviderDescriptor,
  role: Role,
  dataTypes: readonly DataType[],
): Promise<ConnectionState> {
  const connection = await auth.connection(provider.id);
  if (!connection) throw new Error(`Connect ${provider.name} first.`);
  if (provider.auth.kind === 'local-files' && role === 'source' && connection.account.id === LOCAL_FILES_ACCOUNT.id) {
    throw new Error(`Choose the file of your ${provider.name} on your computer first.`);
  }
  if (connection.needsReconnect) throw new Error(`${provider.name} needs you to connect again before a transfer can start.`);
  const missing = missingScopes(connection.scopes, dataTypeScopes(provider, role, dataTypes));
  if (missing.length > 0) {
    const side = role === 'source' ? 'source' : 'destination';
    throw new Error(`Connect ${provider.name} again as the ${side}: it has not yet allowed Ferry what a ${side} needs.`);
  }
  return connection;
}

function accountAt(job: JobView, provider: ProviderId): string {
  return job.source.provider === provider ? job.source.account : job.destination.account;
}
