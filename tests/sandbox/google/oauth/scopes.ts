/**
 * Scopes the sandbox's Google authorisation server knows, with the plain words its consent page shows.
 * Calendar scopes are those of the Calendar API discovery document (auth.oauth2.scopes); the identity
 * scopes are Google's OpenID Connect ones, in both their short and URL forms.
 */
const CALENDAR = 'https://www.googleapis.com/auth/calendar';

export const CALENDAR_SCOPES = {
  [CALENDAR]: 'See, edit, share, and permanently delete all the calendars you can access using Google Calendar',
  [`${CALENDAR}.acls`]: 'See and change the sharing permissions of Google calendars you own',
  [`${CALENDAR}.acls.readonly`]: 'See the sharing permissions of Google calendars you own',
  [`${CALENDAR}.app.created`]: 'Make secondary Google calendars, and see, create, change, and delete events on them',
  [`${CALENDAR}.calendarlist`]: 'See, add, and remove Google calendars you’re subscribed to',
  [`${CALENDAR}.calendarlist.readonly`]: 'See the list of Google calendars you’re subscribed to',
  [`${CALENDAR}.calendars`]:
    'See and change the properties of Google calendars you have access to, and create secondary calendars',
  [`${CALENDAR}.calendars.readonly`]:
    'See the title, description, default time zone, and other properties of Google calendars you have access to',
  [`${CALENDAR}.events`]: 'View and edit events on all your calendars',
  [`${CALENDAR}.events.freebusy`]: 'See the availability on Google calendars you have access to',
  [`${CALENDAR}.events.owned`]: 'See, create, change, and delete events on Google calendars you own',
  [`${CALENDAR}.events.owned.readonly`]: 'See the events on Google calendars you own',
  [`${CALENDAR}.events.public.readonly`]: 'See the events on public calendars',
  [`${CALENDAR}.events.readonly`]: 'View events on all your calendars',
  [`${CALENDAR}.freebusy`]: 'View your availability in your calendars',
  [`${CALENDAR}.readonly`]: 'See and download any calendar you can access using your Google Calendar',
  [`${CALENDAR}.settings.readonly`]: 'View your Calendar settings',
} as const satisfies Record<string, string>;

const IDENTITY_SCOPES: Record<string, string> = {
  openid: 'Associate you with your personal info on Google',
  email: 'See your primary Google Account email address',
  profile: 'See your personal info, including any personal info you’ve made publicly available',
  'https://www.googleapis.com/auth/userinfo.email': 'See your primary Google Account email address',
  'https://www.googleapis.com/auth/userinfo.profile':
    'See your personal info, including any personal info you’ve made publicly available',
};

const DESCRIPTIONS: Record<string, string> = { ...CALENDAR_SCOPES, ...IDENTITY_SCOPES };

export const isKnownScope = (scope: string): boolean => scope in DESCRIPTIONS;

export const describeScope = (scope: string): string => DESCRIPTIONS[scope] ?? scope;

export const grantsEmail = (scopes: readonly string[]): boolean =>
  scopes.includes('email') || scopes.includes('https://www.googleapis.com/auth/userinfo.email');

export const grantsProfile = (scopes: readonly string[]): boolean =>
  scopes.includes('profile') || scopes.includes('https://www.googleapis.com/auth/userinfo.profile');
