/** The sentences auth failures reach a person with. */
import * as oauth from 'oauth4webapi';
import { AdapterError, type ProviderDescriptor } from '../../../model/adapter';

/** The grant is gone: nothing works again until the person connects the provider anew. */
export function reconnectError(provider: ProviderDescriptor, reason: string, providerMessage?: string): AdapterError {
  return new AdapterError(
    `${provider.name} needs you to connect again: ${reason}. Open Ferry and connect ${provider.name}; the transfer then continues where it stopped.`,
    'fatal',
    { fatalReason: 'reconnect', ...(providerMessage ? { providerMessage } : {}) },
  );
}

/** The error's own words, without a closing period, to sit inside a sentence. */
export function describeError(error: unknown): string {
  const text =
    error instanceof oauth.ResponseBodyError || error instanceof oauth.AuthorizationResponseError
      ? (error.error_description ?? error.error)
      : error instanceof Error
        ? error.message
        : String(error);
  return text.trim().replace(/\.+$/, '');
}

/** HTTP status of a failed token-endpoint exchange, when the endpoint answered at all. */
export function tokenEndpointStatus(error: unknown): number | undefined {
  if (error instanceof oauth.ResponseBodyError) return error.status;
  if (error instanceof oauth.OperationProcessingError && error.cause instanceof Response) return error.cause.status;
  return undefined;
}
