import { defineConfig } from 'wxt';
import { SANDBOX_CLIENT_IDS, SANDBOX_EXTENSION_KEY, sandboxOrigin } from './tests/sandbox/identity';

/**
 * Two kinds of build:
 * - production (`wxt build`): real provider hosts, OAuth client ids from FERRY_GOOGLE_CLIENT_ID and
 *   FERRY_MICROSOFT_CLIENT_ID; contains no localhost address at all.
 * - sandbox (`wxt build --mode sandbox`): every provider URL rewritten to the local sandbox
 *   (FERRY_SANDBOX_PORT, default 47443), a pinned key so the extension id and redirect URIs are known.
 */
const PROVIDER_HOSTS = [
  'https://www.googleapis.com/*',
  'https://openidconnect.googleapis.com/*',
  'https://oauth2.googleapis.com/*',
  'https://graph.microsoft.com/*',
  'https://login.microsoftonline.com/*',
];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  outDirTemplate: '{{browser}}-mv{{manifestVersion}}{{modeSuffix}}',
  manifest: ({ mode }) => {
    const sandbox = mode === 'sandbox';
    const hosts = sandbox ? [...PROVIDER_HOSTS, 'https://127.0.0.1/*'] : PROVIDER_HOSTS;
    const connectSrc = ["'self'", ...hosts.map((h) => h.replace('/*', ''))].join(' ');
    return {
      name: sandbox ? 'Ferry (sandbox)' : 'Ferry',
      description: 'Move your data from one online service to another, directly, inside your own browser.',
      permissions: ['identity', 'storage', 'alarms', 'unlimitedStorage'],
      optional_host_permissions: hosts,
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
  }),
});
