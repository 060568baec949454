/**
 * Fixed facts the sandbox build and the sandbox server share, so the server knows Ferry's
 * redirect URIs (https://<extension id>.chromiumapp.org/<provider>) before the browser starts.
 * The key is a public key only: pinning it fixes the extension id (Chromium derives the id from it).
 */
export const SANDBOX_EXTENSION_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAw8780PCwYBB1R1kl08EyaL4SW5tVT+bchqnRqbLN/PX6QBKwZM+M8f8Q82Px38NqpYUenoAI+oORRtoJG/WA4s7qhlVJkhIipYOSSrxTdhrE86dPp0LjAeGF9O9adMjbl7zdxxrnOvZL7rhAqkLrvs99IbHi3VjM8I2xej7vlxoTb/QaMg+JDXVcJQad82kfCdLRgB8Mca75Kd7yuKe+GQ8+V/TYB3woaepkaeFRzyGiufnhz/m+sh9jIVuwBtloRBCJrWxZSJF8iZtnjbFfMphkIN4A4U5GgNaMPIEeiY41X/ANrpJXHldp4/8OGgGPBKCsqy1ReVXsuqBpKJ4i+QIDAQAB';
export const SANDBOX_EXTENSION_ID = 'lbgeefdpoihjhhpidiakocnfoogommmd';

export const DEFAULT_SANDBOX_PORT = 47443;
export const sandboxOrigin = (port = Number(process.env.FERRY_SANDBOX_PORT ?? DEFAULT_SANDBOX_PORT)): string =>
  `https://127.0.0.1:${port}`;

/** OAuth client ids the sandbox authorisation servers have registered for Ferry. */
export const SANDBOX_CLIENT_IDS = {
  google: 'ferry-sandbox.apps.googleusercontent.com',
  microsoft: '3f6b5a1e-0d1c-4c8e-9b2a-5e7f0c4d2a91',
} as const;

export const sandboxRedirectUri = (provider: string): string =>
  `https://${SANDBOX_EXTENSION_ID}.chromiumapp.org/${provider}`;

/** The one account each provider's sandbox holds. */
export const SANDBOX_ACCOUNTS = {
  google: 'alice@example.com',
  microsoft: 'alice@contoso.example',
} as const;
