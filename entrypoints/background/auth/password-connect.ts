/**
 * Connecting a provider of kind 'password' (CalDAV, CardDAV, WebDAV): the address checked, the credentials tried on
 * the server through the provider's own accountInfo, then the password kept sealed. Disconnecting forgets it:
 * an app password has nothing to revoke from here (the person revokes it in the service's own settings).
 */
import type { AccountInfo, FetchLike, ProviderDescriptor } from '../../../model/adapter';
import { plainHttpHosts } from '../build-config';
import { checkAccount, type ConnectRequest } from './connect';
import { deleteConnection, loadConnection, saveConnection } from './connection-store';
import { describeError } from './errors';
import { basicFetch, type BasicCredentials } from './password-fetch';
import { discardPassword, savePassword } from './password-store';
import { isServerHost, parseServerUrl, serverHostPermissions } from './server-url';
import type { ConnectionRecord } from './types';

export async function connectWithPassword(provider: ProviderDescriptor, request: ConnectRequest): Promise<ConnectionRecord> {
  const { credentials } = request;
  if (!credentials) {
    throw new Error(`Type your ${provider.name} server's address, your user name and an app password, then choose Connect.`);
  }
  const server = parseServerUrl(credentials.serverUrl, plainHttpHosts);
  const username = credentials.username.trim();
  if (!username) throw new Error(`Type the user name you sign in to ${server.host} with.`);
  if (!credentials.password) throw new Error(`Type an app password for ${server.host}.`);
  const earlier = await loadConnection(provider.id);
  const account = await checkCredentials(provider, server, { username, password: credentials.password });
  checkAccount(provider, request, account, earlier);
  await savePassword(provider.id, credentials.password);
  const record: ConnectionRecord = {
    provider: provider.id,
    account,
    scopes: everyScope(provider),
    requestedScopes: [],
    needsReconnect: false,
    connectedAt: Date.now(),
    serverUrl: server.href,
    username,
  };
  await saveConnection(record);
  return record;
}

export async function disconnectPassword(provider: ProviderDescriptor): Promise<void> {
  await deleteConnection(provider.id);
  await discardPassword(provider.id);
}

/** Asks the server who this is with these credentials; a refusal or an unreachable server becomes a sentence to act on. */
async function checkCredentials(provider: ProviderDescriptor, server: URL, credentials: BasicCredentials): Promise<AccountInfo> {
  const hosts = serverHostPermissions(server, provider.hostPermissions);
  const send = basicFetch(credentials, hosts);
  let refused = false;
  let unreachable: unknown;
  const watched: FetchLike = async (url, init) => {
    try {
      const response = await send(url, init);
      if (response.status === 401 && isServerHost(url, hosts)) refused = true;
      return response;
    } catch (error) {
      unreachable ??= error;
      throw error;
    }
  };
  try {
    // The person's own server is the real one in every build: its URLs are never rewritten.
    return await provider.accountInfo({ fetch: watched, url: (realUrl) => realUrl, account: '', serverUrl: server.href });
  } catch (error) {
    if (refused) {
      throw new Error(
        `The server refused that user name and app password (${server.host} answered 401). Check both; use an app password made for Ferry, not your account's main password.`,
      );
    }
    if (unreachable !== undefined) {
      throw new Error(`Ferry could not reach ${server.host} (${describeError(unreachable)}). Check the address and that the server is running, then try again.`);
    }
    throw new Error(`Ferry reached ${server.host} but could not find your ${provider.name} account there: ${describeError(error)}. Check the address and try again.`);
  }
}

/**
 * An app password opens all the account holds, for reading and writing alike: the connection holds every scope
 * the provider's data types name, so it serves either side of a transfer.
 */
function everyScope(provider: ProviderDescriptor): string[] {
  const scopes = Object.values(provider.dataTypes).flatMap((support) => [...(support?.scopes.export ?? []), ...(support?.scopes.import ?? [])]);
  return [...new Set(scopes)];
}
