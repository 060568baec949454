/** Connecting, disconnecting and releasing a provider: the grant, the account it belongs to, and its record. */
import type { AccountInfo, DataType, OAuthProviderDescriptor, ProviderDescriptor } from '../../../model/adapter';
import { DATA_TYPE_LABELS } from '../../../model/data-types';
import type { PasswordCredentialsInput, Role } from '../messages';
import { fetchAccount } from './account';
import { deleteConnection, loadConnection, saveConnection } from './connection-store';
import { authorize } from './flows';
import { revokeGrant } from './revoke';
import { dataTypeScopes, missingScopes, scopesToRequest } from './scopes';
import { discardTokens, loadAccess, loadRefreshToken, saveGrant } from './token-store';
import type { ConnectionRecord, TokenGrant } from './types';

export interface ConnectRequest {
  role: Role;
  dataTypes: readonly DataType[];
  /** Account id an unfinished transfer is waiting for: any other account is refused. */
  requiredAccount?: string;
  /** Server, user name and app password, for a provider of kind 'password'. */
  credentials?: PasswordCredentialsInput;
  /** The token of the files the page copied for a provider of kind 'local-files' (`chosen/<token>/`). */
  chosen?: string;
}

export async function connectProvider(provider: OAuthProviderDescriptor, request: ConnectRequest): Promise<ConnectionRecord> {
  const earlier = await loadConnection(provider.id);
  const requestedScopes = scopesToRequest(provider, request.role, request.dataTypes, earlier?.requestedScopes);
  const grant = await authorize(provider, requestedScopes, { interactive: true });
  let account: AccountInfo | undefined;
  try {
    checkScopes(provider, request, grant);
    account = await fetchAccount(provider, grant.accessToken);
    checkAccount(provider, request, account, earlier);
  } catch (error) {
    // Google withdraws a whole grant at once: the earlier connection's own token goes if the account is the same.
    if (!earlier || (account && account.id !== earlier.account.id)) {
      await revokeGrant(provider, grant.refreshToken ?? grant.accessToken).catch(() => undefined);
    }
    throw error;
  }
  if (earlier && earlier.account.id !== account.id) await withdrawTokens(provider).catch(() => undefined);
  await discardTokens(provider.id);
  await saveGrant(provider.id, grant);
  const record: ConnectionRecord = {
    provider: provider.id,
    account,
    scopes: grant.scopes,
    requestedScopes,
    needsReconnect: false,
    connectedAt: Date.now(),
  };
  await saveConnection(record);
  return record;
}

function checkScopes(provider: OAuthProviderDescriptor, request: ConnectRequest, grant: TokenGrant): void {
  const missing = missingScopes(grant.scopes, dataTypeScopes(provider, request.role, request.dataTypes));
  if (missing.length === 0) return;
  const what = request.dataTypes.map((type) => DATA_TYPE_LABELS[type]).join(', ');
  throw new Error(
    `${provider.name} did not give Ferry all the access it needs for ${what} (not granted: ${missing.join(' ')}). ` +
      'Connect again and allow every permission Ferry asks for.',
  );
}

/** Refuses an account other than the one an unfinished transfer uses. */
export function checkAccount(
  provider: ProviderDescriptor,
  request: ConnectRequest,
  account: AccountInfo,
  earlier: ConnectionRecord | undefined,
): void {
  if (!request.requiredAccount || account.id === request.requiredAccount) return;
  const expected =
    earlier?.account.id === request.requiredAccount ? (earlier.account.email ?? earlier.account.id) : 'another account';
  throw new Error(
    `You signed in to ${provider.name} as ${account.email ?? account.id}, but an unfinished transfer uses ${expected}. ` +
      'Connect with that account, or cancel the transfer first.',
  );
}

/** Forgets the provider here and withdraws Ferry's access there. Everything local is gone even when the provider cannot be reached (then it throws a sentence saying so). */
export async function disconnectProvider(provider: OAuthProviderDescriptor): Promise<void> {
  await deleteConnection(provider.id);
  await withdrawTokens(provider);
}

/**
 * After a transfer finished: the provider's access goes too, unless it was connected again after that moment
 * (for another transfer). The caller checks that no unfinished transfer still needs it.
 */
export async function releaseProvider(provider: OAuthProviderDescriptor, finishedAt: number): Promise<void> {
  const record = await loadConnection(provider.id);
  if (!record || record.connectedAt > finishedAt) return;
  await disconnectProvider(provider);
}

async function withdrawTokens(provider: OAuthProviderDescriptor): Promise<void> {
  const token = (await loadRefreshToken(provider.id)) ?? (await loadAccess(provider.id))?.accessToken;
  await discardTokens(provider.id);
  await revokeGrant(provider, token);
}
