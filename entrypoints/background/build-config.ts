/**
 * What the build decided (see wxt.config.ts): the sandbox origin ('' in production builds, so no
 * local address is ever bundled there) and the OAuth client ids.
 */
declare const __FERRY_SANDBOX_ORIGIN__: string;
declare const __FERRY_CLIENT_IDS__: Record<string, string>;

export const sandboxOrigin: string = __FERRY_SANDBOX_ORIGIN__;
export const clientIds: Record<string, string> = __FERRY_CLIENT_IDS__;

/** A provider's real URL as this build must call it: `https://host/path` → `<sandbox>/host/path`. */
export function providerUrl(realUrl: string): string {
  if (!sandboxOrigin) return realUrl;
  const url = new URL(realUrl);
  return `${sandboxOrigin}/${url.host}${url.pathname}${url.search}${url.hash}`;
}

/** Host-permission patterns as this build must request them. */
export function hostPatterns(patterns: readonly string[]): string[] {
  return sandboxOrigin ? [`${new URL(sandboxOrigin).protocol}//${new URL(sandboxOrigin).hostname}/*`] : [...patterns];
}

/**
 * Hosts a password may go to over plain http: the sandbox build's own loopback host (the tests' Radicale and
 * rclone listen there), none in production, which sends an app password only over https and names no local address.
 */
export const plainHttpHosts: readonly string[] = sandboxOrigin ? [new URL(sandboxOrigin).hostname] : [];
