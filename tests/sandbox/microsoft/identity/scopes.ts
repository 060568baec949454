/**
 * Scopes the identity platform knows for Ferry's registration. Graph scopes may be written short
 * (`Calendars.ReadWrite`) or as the resource URI (`https://graph.microsoft.com/Calendars.ReadWrite`);
 * `https://graph.microsoft.com/.default` means the registration's configured permissions.
 * https://learn.microsoft.com/entra/identity-platform/scopes-oidc
 */
export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;
export const GRAPH_SCOPES = [
  'User.Read',
  'Calendars.Read',
  'Calendars.ReadWrite',
  'Contacts.Read',
  'Contacts.ReadWrite',
  'Tasks.Read',
  'Tasks.ReadWrite',
  'Mail.Read',
  'Mail.ReadWrite',
  'Files.Read',
  'Files.ReadWrite',
] as const;
const CONFIGURED_PERMISSIONS = ['User.Read', 'Calendars.ReadWrite', 'Contacts.ReadWrite', 'Tasks.ReadWrite', 'Mail.ReadWrite', 'Files.ReadWrite'];

const GRAPH_RESOURCE = /^https:\/\/graph\.microsoft\.com\//i;

/** What the consent page says each scope allows, in plain words. */
export const SCOPE_WORDS: Record<string, string> = {
  openid: 'Sign you in',
  profile: 'View your basic profile (name and picture)',
  email: 'View your email address',
  offline_access: 'Keep access to the data you give it access to, even when you are not using it',
  'User.Read': 'Sign you in and read your profile',
  'Calendars.Read': 'Read your calendars and their events',
  'Calendars.ReadWrite': 'Read, create, change and delete events in your calendars, and create calendars',
  'Contacts.Read': 'Read your contacts',
  'Contacts.ReadWrite': 'Have full access to your contacts',
  'Tasks.Read': 'Read your tasks and task lists',
  'Tasks.ReadWrite': 'Create, read, update, and delete your tasks and task lists',
  'Mail.Read': 'Read your mail',
  'Mail.ReadWrite': 'Read and write access to your mail',
  'Files.Read': 'Read your files',
  'Files.ReadWrite': 'Have full access to your files',
};

export type ScopeParse = { ok: true; scopes: string[] } | { ok: false; unknown: string };

/** Canonical scope names, OIDC scopes first, without duplicates. */
export const parseScopes = (raw: string): ScopeParse => {
  const scopes: string[] = [];
  for (const word of raw.split(/\s+/).filter(Boolean)) {
    const short = word.replace(GRAPH_RESOURCE, '');
    if (short === '.default') {
      scopes.push(...CONFIGURED_PERMISSIONS);
      continue;
    }
    const known = [...OIDC_SCOPES, ...GRAPH_SCOPES].find((s) => s.toLowerCase() === short.toLowerCase());
    if (!known) return { ok: false, unknown: word };
    scopes.push(known);
  }
  const unique = [...new Set(scopes)];
  return { ok: true, scopes: [...unique.filter(isOidcScope), ...unique.filter((s) => !isOidcScope(s))] };
};

export const isOidcScope = (scope: string): boolean => (OIDC_SCOPES as readonly string[]).includes(scope);

export const resourceScopes = (scopes: readonly string[]): string[] => scopes.filter((s) => !isOidcScope(s));

/** The `scope` the token endpoint answers: the granted Graph scopes and OIDC scopes, without offline_access. */
export const grantedScopeString = (scopes: readonly string[]): string =>
  [...resourceScopes(scopes), ...scopes.filter((s) => isOidcScope(s) && s !== 'offline_access')].join(' ');
