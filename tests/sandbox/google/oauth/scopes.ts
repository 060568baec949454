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

/**
 * The other APIs' scopes, as their discovery documents (People, Tasks, Gmail, Photos Library) list them, less
 * the Photos Library scopes Google removed on 31 March 2025; the Picker API's scope from its reference.
 */
const DATA_SCOPES: Record<string, string> = {
  'https://www.googleapis.com/auth/contacts': 'See, edit, download, and permanently delete your contacts',
  'https://www.googleapis.com/auth/contacts.other.readonly': 'See and download contact info automatically saved in your "Other contacts"',
  'https://www.googleapis.com/auth/contacts.readonly': 'See and download your contacts',
  'https://www.googleapis.com/auth/directory.readonly': 'See and download your organization’s Google Workspace directory',
  'https://www.googleapis.com/auth/user.addresses.read': 'View your street addresses',
  'https://www.googleapis.com/auth/user.birthday.read': 'See and download your exact date of birth',
  'https://www.googleapis.com/auth/user.emails.read': 'See and download all of your Google Account email addresses',
  'https://www.googleapis.com/auth/user.gender.read': 'See your gender',
  'https://www.googleapis.com/auth/user.organization.read': 'See your education, work history and org info',
  'https://www.googleapis.com/auth/user.phonenumbers.read': 'See and download your personal phone numbers',
  'https://www.googleapis.com/auth/tasks': 'Create, edit, organize, and delete all your tasks',
  'https://www.googleapis.com/auth/tasks.readonly': 'View your tasks',
  'https://mail.google.com/': 'Read, compose, send, and permanently delete all your email from Gmail',
  'https://www.googleapis.com/auth/gmail.addons.current.action.compose': 'Manage drafts and send emails when you interact with the add-on',
  'https://www.googleapis.com/auth/gmail.addons.current.message.action': 'View your email messages when you interact with the add-on',
  'https://www.googleapis.com/auth/gmail.addons.current.message.metadata': 'View your email message metadata when the add-on is running',
  'https://www.googleapis.com/auth/gmail.addons.current.message.readonly': 'View your email messages when the add-on is running',
  'https://www.googleapis.com/auth/gmail.compose': 'Manage drafts and send emails',
  'https://www.googleapis.com/auth/gmail.insert': 'Add emails into your Gmail mailbox',
  'https://www.googleapis.com/auth/gmail.labels': 'See and edit your email labels',
  'https://www.googleapis.com/auth/gmail.metadata': 'View your email message metadata such as labels and headers, but not the email body',
  'https://www.googleapis.com/auth/gmail.modify': 'Read, compose, and send emails from your Gmail account',
  'https://www.googleapis.com/auth/gmail.readonly': 'View your email messages and settings',
  'https://www.googleapis.com/auth/gmail.send': 'Send email on your behalf',
  'https://www.googleapis.com/auth/gmail.settings.basic': 'See, edit, create, or change your email settings and filters in Gmail',
  'https://www.googleapis.com/auth/gmail.settings.sharing': 'Manage your sensitive mail settings, including who can manage your mail',
  'https://www.googleapis.com/auth/photoslibrary.appendonly': 'Add to your Google Photos library',
  'https://www.googleapis.com/auth/photoslibrary.edit.appcreateddata': 'Edit the info in your photos, videos, and albums created within this app, including titles, descriptions, and covers',
  'https://www.googleapis.com/auth/photoslibrary.readonly.appcreateddata': 'Manage photos added by this app',
  'https://www.googleapis.com/auth/photospicker.mediaitems.readonly': 'Select your photos and videos with Google Photos Picker',
};

const IDENTITY_SCOPES: Record<string, string> = {
  openid: 'Associate you with your personal info on Google',
  email: 'See your primary Google Account email address',
  profile: 'See your personal info, including any personal info you’ve made publicly available',
  'https://www.googleapis.com/auth/userinfo.email': 'See your primary Google Account email address',
  'https://www.googleapis.com/auth/userinfo.profile':
    'See your personal info, including any personal info you’ve made publicly available',
};

const DESCRIPTIONS: Record<string, string> = { ...CALENDAR_SCOPES, ...DATA_SCOPES, ...IDENTITY_SCOPES };

export const isKnownScope = (scope: string): boolean => scope in DESCRIPTIONS;

export const describeScope = (scope: string): string => DESCRIPTIONS[scope] ?? scope;

export const grantsEmail = (scopes: readonly string[]): boolean =>
  scopes.includes('email') || scopes.includes('https://www.googleapis.com/auth/userinfo.email');

export const grantsProfile = (scopes: readonly string[]): boolean =>
  scopes.includes('profile') || scopes.includes('https://www.googleapis.com/auth/userinfo.profile');
