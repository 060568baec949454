/** Google: what Ferry can move to and from it, how it connects, and how fast it may go (README.md says why). */
import type { AccountInfo, AdapterContext, ProviderDescriptor } from '../../model/adapter';
import type { CalendarField } from '../../model/calendar';
import { GoogleCalendarExporter } from './calendar/export';
import { GoogleCalendarImporter } from './calendar/import';
import { googleContacts } from './contacts/support';
import { googleRequest } from './client';
import { googleMail } from './mail/support';
import { googlePhotos } from './photos/support';
import { googleTasks } from './tasks/support';

const SCOPE = 'https://www.googleapis.com/auth/calendar';

/** Model fields a Google Calendar event holds (see the field table in README.md). */
const CALENDAR_IMPORT_FIELDS: readonly CalendarField[] = [
  'uid',
  'recurrenceId',
  'title',
  'description',
  'location',
  'start',
  'end',
  'start.timeZone',
  'recurrence.rrule',
  'recurrence.rdate',
  'recurrence.exdate',
  'status',
  'busy',
  'visibility',
  'organizer',
  'attendees',
  'attendees.status',
  'attendees.comment',
  'reminders',
  'url',
  'sequence',
];

interface UserInfo {
  sub: string;
  email?: string;
  name?: string;
}

async function accountInfo(ctx: AdapterContext): Promise<AccountInfo> {
  const user = await googleRequest<UserInfo>(ctx, 'GET', 'https://openidconnect.googleapis.com/v1/userinfo');
  const info: AccountInfo = { id: user.sub };
  if (user.email) info.email = user.email;
  if (user.name) info.name = user.name;
  return info;
}

export const google: ProviderDescriptor = {
  id: 'google',
  name: 'Google',
  auth: {
    kind: 'oauth',
    flow: 'token',
    authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    revokeUrl: 'https://oauth2.googleapis.com/revoke',
    baseScopes: ['openid', 'email', 'profile'],
    extraAuthorizeParams: { include_granted_scopes: 'true' },
  },
  hostPermissions: [
    'https://www.googleapis.com/*',
    'https://openidconnect.googleapis.com/*',
    'https://oauth2.googleapis.com/*',
    'https://people.googleapis.com/*',
    'https://tasks.googleapis.com/*',
    'https://gmail.googleapis.com/*',
    'https://photoslibrary.googleapis.com/*',
    'https://photospicker.googleapis.com/*',
    // Google Photos hands out media bytes at base URLs on its content hosts.
    'https://*.googleusercontent.com/*',
  ],
  // 600 requests per minute per user (Calendar usage limits); a batch of n calls counts n, so one batch
  // of `batchSize` calls a second stays inside it. Google publishes no concurrency ceiling.
  limits: { minIntervalMs: 1000, maxConcurrency: 2 },
  dataTypes: {
    calendar: {
      export: { create: (ctx) => new GoogleCalendarExporter(ctx) },
      import: { create: (ctx) => new GoogleCalendarImporter(ctx), batchSize: 10, fields: CALENDAR_IMPORT_FIELDS },
      scopes: {
        export: [`${SCOPE}.calendarlist.readonly`, `${SCOPE}.events.readonly`],
        import: [`${SCOPE}.calendarlist.readonly`, `${SCOPE}.app.created`, `${SCOPE}.events.owned`],
      },
    },
    contacts: googleContacts,
    tasks: googleTasks,
    mail: googleMail,
    photos: googlePhotos,
  },
  accountInfo,
};
