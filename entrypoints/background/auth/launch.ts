/** Runs an authorisation request in the browser's auth window and hands back the redirect it ended on. */
import { browser } from 'wxt/browser';
import type { OAuthProviderDescriptor } from '../../../model/adapter';
import { describeError } from './errors';

/** `https://<extension id>.chromiumapp.org/<provider>` on Chromium; registered with each provider. */
export function redirectUriFor(provider: OAuthProviderDescriptor): string {
  return browser.identity.getRedirectURL(provider.id);
}

export async function launchAuthorization(provider: OAuthProviderDescriptor, url: URL, interactive: boolean): Promise<URL> {
  let responseUrl: string | undefined;
  try {
    responseUrl = await browser.identity.launchWebAuthFlow({ url: url.href, interactive });
  } catch (error) {
    throw new Error(`Signing in to ${provider.name} did not finish: ${describeError(error)}. Try connecting again.`);
  }
  if (!responseUrl || !isRedirectTo(responseUrl, redirectUriFor(provider))) {
    throw new Error(
      `The sign-in came back to an address Ferry did not give ${provider.name}, so Ferry ignored it. Try connecting again.`,
    );
  }
  return new URL(responseUrl);
}

function isRedirectTo(responseUrl: string, redirectUri: string): boolean {
  return responseUrl === redirectUri || responseUrl.startsWith(`${redirectUri}?`) || responseUrl.startsWith(`${redirectUri}#`);
}

/** Rejects a response to a request Ferry did not make (RFC 6749 §10.12); `state` is single use. */
export function checkState(provider: OAuthProviderDescriptor, params: URLSearchParams, expected: string): void {
  if (params.get('state') !== expected) {
    throw new Error(
      `The answer from ${provider.name} did not belong to the sign-in Ferry started, so Ferry ignored it. Try connecting again.`,
    );
  }
}

/** The `error=` of an authorisation response, as a sentence. */
export function checkAuthorizationError(provider: OAuthProviderDescriptor, params: URLSearchParams): void {
  const error = params.get('error');
  if (!error) return;
  const description = params.get('error_description');
  const why = error === 'access_denied' ? 'access was not allowed' : description ? `${error}: ${description}` : error;
  throw new Error(`${provider.name} did not connect (${why}). Try connecting again.`);
}

/** Puts `params` on `url`; the descriptor's extra parameters go first so Ferry's own always win. */
export function withParams(url: URL, ...groups: (Record<string, string | undefined> | undefined)[]): URL {
  for (const group of groups) {
    for (const [name, value] of Object.entries(group ?? {})) if (value !== undefined) url.searchParams.set(name, value);
  }
  return url;
}
