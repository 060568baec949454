/** The one Microsoft account the sandbox serves, and the hosts it answers for. */
export const LOGIN_HOST = 'login.microsoftonline.com';
export const GRAPH_HOST = 'graph.microsoft.com';

/** The display name Ferry's app registration shows on the consent page. */
export const APP_DISPLAY_NAME = 'Ferry';

export const ALICE = {
  id: '9a3c2f1e-5b7d-4e8a-9c0f-1d2e3f4a5b6c',
  displayName: 'Alice Example',
  givenName: 'Alice',
  surname: 'Example',
  mail: 'alice@contoso.example',
  userPrincipalName: 'alice@contoso.example',
} as const;

/** Contoso's directory (tenant) id, as `tid` in tokens and in the v2.0 issuer. */
export const TENANT_ID = '4f1c8e2a-7b3d-4c5e-9a6f-0d1e2f3a4b5c';

export const sameAddress = (a: string | undefined, b: string): boolean => a?.toLowerCase() === b.toLowerCase();
