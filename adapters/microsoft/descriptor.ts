/** Microsoft (Outlook through Graph): what Ferry can move to and from it, how it connects, and how fast it may go (README.md says why). */
import type { AccountInfo, AdapterContext, ProviderDescriptor } from '../../model/adapter';
import type { CalendarField } from '../../model/calendar';
import { MicrosoftCalendarExporter } from './calendar/export';
import { MicrosoftCalendarImporter } from './calendar/import';
import { microsoftContacts } from './contacts/support';
import { GRAPH_API, MAX_BATCH_REQUESTS, graphRequest, graphSlots, query } from './client';
import { microsoftTasks } from './tasks/support';
import { microsoftMail } from './mail/support';
import { microsoftPhotos } from './photos/support';
import { microsoftFiles } from './files/support';

/** Model fields an Outlook event holds (see the field table in README.md). */
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
  'recurrence.exdate',
  'status',
  'busy',
  'visibility',
  'organizer',
  'attendees',
  'reminders',
  'categories',
];

interface GraphUser {
  id: string;
  mail?: string | null;
  userPrincipalName?: string | null;
  displayName?: string | null;
}

async function accountInfo(ctx: AdapterContext): Promise<AccountInfo> {
  const url = `${GRAPH_API}/me${query({ $select: 'id,mail,userPrincipalName,displayName' })}`;
  const user = await graphRequest<GraphUser>(ctx, 'GET', url);
  const info: AccountInfo = { id: user.id };
  // Accounts without an Exchange mailbox have no `mail`; their sign-in name is the address people know.
  const email = user.mail ?? user.userPrincipalName;
  if (email) info.email = email;
  if (user.displayName) info.name = user.displayName;
  return info;
}

export const microsoft: ProviderDescriptor = {
  id: 'microsoft',
  name: 'Microsoft',
  auth: {
    kind: 'oauth',
    flow: 'code-pkce',
    authorizeUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    baseScopes: ['openid', 'profile', 'offline_access', 'User.Read'],
  },
  hostPermissions: [
    'https://graph.microsoft.com/*',
    'https://login.microsoftonline.com/*',
    // OneDrive's upload sessions and download URLs live on its storage hosts, pre-authenticated.
    'https://*.sharepoint.com/*',
    'https://*.1drv.com/*',
  ],
  // Outlook allows 4 concurrent requests and 10,000 requests per 10 minutes per mailbox
  // (https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits): one request every 60 ms, and a
  // $batch holds as many of the four as Graph runs of it at once.
  limits: { minIntervalMs: 60, maxConcurrency: 4, slots: graphSlots },
  dataTypes: {
    calendar: {
      export: { create: (ctx) => new MicrosoftCalendarExporter(ctx) },
      import: { create: (ctx) => new MicrosoftCalendarImporter(ctx), batchSize: MAX_BATCH_REQUESTS, fields: CALENDAR_IMPORT_FIELDS },
      scopes: { export: ['Calendars.Read'], import: ['Calendars.ReadWrite'] },
    },
    contacts: microsoftContacts,
    tasks: microsoftTasks,
    mail: microsoftMail,
    photos: microsoftPhotos,
    files: microsoftFiles,
  },
  accountInfo,
};
