import { defineConfig } from 'wxt';
import { providers } from './adapters';
import { SANDBOX_CLIENT_IDS, SANDBOX_EXTENSION_KEY, sandboxOrigin } from './tests/sandbox/identity';

/**
 * Two kinds of build:
 * - production (`wxt build`): real provider hosts, OAuth client ids from FERRY_GOOGLE_CLIENT_ID and
 *   FERRY_MICROSOFT_CLIENT_ID; contains no localhost address at all.
 * - sandbox (`wxt build --mode sandbox`): every provider URL rewritten to the local sandbox
 *   (FERRY_SANDBOX_PORT, default 47443), a pinned key so the extension id and redirect URIs are known.
 */
const PROVIDER_HOSTS = [...new Set(providers.flatMap((p) => p.hostPermissions))];

/**
 * A password provider (CalDAV, CardDAV, WebDAV) talks to whatever server the person names, a self-hosted Nextcloud
 * included: the manifest may offer any https host, and the connect page asks for that one server's origin only,
 * on the person's click. The sandbox build also reaches the tests' real servers over plain http on its loopback host.
 */
const ANY_SERVER = providers.some((p) => p.auth.kind === 'password');

/**
 * Dexie turns its debug mode on when the page is served from localhost, and carries that address in its
 * code. An extension page never is, and a production build must name no local address: the probe becomes
 * one that never matches.
 */
const DEXIE_LOCALHOST_PROBE = '/^(http|https):\\/\\/(localhost|127\\.0\\.0\\.1)/';
const dexieWithoutLocalhostProbe = {
  name: 'ferry:dexie-without-localhost-probe',
  transform(code: string, id: string) {
    if (!id.includes('/node_modules/dexie/') || !code.includes(DEXIE_LOCALHOST_PROBE)) return undefined;
    return { code: code.replace(DEXIE_LOCALHOST_PROBE, '/(?!)/'), map: null };
  },
};

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  outDirTemplate: '{{browser}}-mv{{manifestVersion}}{{modeSuffix}}',
  manifest: ({ mode }) => {
    const sandbox = mode === 'sandbox';
    // A CSP source without a port allows only the scheme's default port: the sandbox listens elsewhere.
    const origins = [
      // `https:` already covers every provider host (and a wildcard host would not be a valid CSP source).
      ...(ANY_SERVER ? ['https:'] : PROVIDER_HOSTS.map((h) => h.replace('/*', ''))),
      ...(sandbox ? ['https://127.0.0.1:*', 'http://127.0.0.1:*'] : []),
    ];
    const connectSrc = ["'self'", ...origins].join(' ');
    return {
      name: sandbox ? 'Ferry (sandbox)' : 'Ferry',
      description: 'Move your data from one online service to another, directly, inside your own browser.',
      permissions: ['identity', 'storage', 'alarms', 'unlimitedStorage'],
      optional_host_permissions: [...PROVIDER_HOSTS, ...(ANY_SERVER ? ['https://*/*'] : [])],
      // Headless Chromium cannot answer the permission prompt (measured: permissions.request never
      // settles), so the sandbox build holds its loopback origin from install; the page still calls
      // permissions.request on the person's click, which then resolves at once.
      // For the same reason it holds any https server a tester names for a password provider (`npm run demo --
      // --from caldav --url …`) and the tests' own servers on plain loopback http.
      ...(sandbox
        ? { host_permissions: ['https://127.0.0.1/*', 'http://127.0.0.1/*', ...(ANY_SERVER ? ['https://*/*'] : [])] }
        : {}),
      content_security_policy: {
        extension_pages: `default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; img-src 'self' data: blob:; connect-src ${connectSrc}`,
      },
      browser_specific_settings: { gecko: { id: 'ferry@ferry-transfer.org', strict_min_version: '128.0' } },
      ...(sandbox ? { key: SANDBOX_EXTENSION_KEY } : {}),
    };
  },
  vite: ({ mode }) => ({
    define: {
      __FERRY_SANDBOX_ORIGIN__: JSON.stringify(mode === 'sandbox' ? sandboxOrigin() : ''),
      __FERRY_CLIENT_IDS__: JSON.stringify(
        mode === 'sandbox'
          ? SANDBOX_CLIENT_IDS
          : { google: process.env.FERRY_GOOGLE_CLIENT_ID ?? '', microsoft: process.env.FERRY_MICROSOFT_CLIENT_ID ?? '' },
      ),
    },
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    plugins: [dexieWithoutLocalhostProbe],
  }),
});
