/**
 * The Calendar API v3 resource schemas the sandbox validates request bodies against: property names and JSON
 * types of every schema reachable from Event, Calendar and CalendarListEntry in Google's discovery document
 * (calendar-v3.json), and the enum values its descriptions list. `schema.test.ts` checks this against the
 * document itself when it is available.
 */
export type FieldType =
  | 'string'
  | 'boolean'
  | 'integer'
  | 'date'
  | 'date-time'
  | 'any'
  | { readonly ref: SchemaName }
  | { readonly array: FieldType }
  | { readonly map: FieldType }
  | { readonly object: Readonly<Record<string, FieldType>> };

const ref = (name: SchemaName): FieldType => ({ ref: name });
const arrayOf = (items: FieldType): FieldType => ({ array: items });
const mapOf = (values: FieldType): FieldType => ({ map: values });
const objectOf = (props: Record<string, FieldType>): FieldType => ({ object: props });

export type SchemaName =
  | 'Event'
  | 'EventAttachment'
  | 'EventAttendee'
  | 'EventBirthdayProperties'
  | 'ConferenceData'
  | 'ConferenceSolution'
  | 'ConferenceSolutionKey'
  | 'CreateConferenceRequest'
  | 'ConferenceRequestStatus'
  | 'EntryPoint'
  | 'ConferenceParameters'
  | 'ConferenceParametersAddOnParameters'
  | 'EventDateTime'
  | 'EventFocusTimeProperties'
  | 'EventOutOfOfficeProperties'
  | 'EventReminder'
  | 'EventWorkingLocationProperties'
  | 'Calendar'
  | 'ConferenceProperties'
  | 'CalendarListEntry'
  | 'CalendarNotification';

export const SCHEMAS: Readonly<Record<SchemaName, Readonly<Record<string, FieldType>>>> = {
  Event: {
    anyoneCanAddSelf: 'boolean',
    attachments: arrayOf(ref('EventAttachment')),
    attendees: arrayOf(ref('EventAttendee')),
    attendeesOmitted: 'boolean',
    birthdayProperties: ref('EventBirthdayProperties'),
    colorId: 'string',
    conferenceData: ref('ConferenceData'),
    created: 'date-time',
    creator: objectOf({ displayName: 'string', email: 'string', id: 'string', self: 'boolean' }),
    description: 'string',
    end: ref('EventDateTime'),
    endTimeUnspecified: 'boolean',
    etag: 'string',
    eventType: 'string',
    extendedProperties: objectOf({ private: mapOf('string'), shared: mapOf('string') }),
    focusTimeProperties: ref('EventFocusTimeProperties'),
    gadget: objectOf({ display: 'string', height: 'integer', iconLink: 'string', link: 'string', preferences: mapOf('string'), title: 'string', type: 'string', width: 'integer' }),
    guestsCanInviteOthers: 'boolean',
    guestsCanModify: 'boolean',
    guestsCanSeeOtherGuests: 'boolean',
    hangoutLink: 'string',
    htmlLink: 'string',
    iCalUID: 'string',
    id: 'string',
    kind: 'string',
    location: 'string',
    locked: 'boolean',
    organizer: objectOf({ displayName: 'string', email: 'string', id: 'string', self: 'boolean' }),
    originalStartTime: ref('EventDateTime'),
    outOfOfficeProperties: ref('EventOutOfOfficeProperties'),
    privateCopy: 'boolean',
    recurrence: arrayOf('string'),
    recurringEventId: 'string',
    reminders: objectOf({ overrides: arrayOf(ref('EventReminder')), useDefault: 'boolean' }),
    sequence: 'integer',
    source: objectOf({ title: 'string', url: 'string' }),
    start: ref('EventDateTime'),
    status: 'string',
    summary: 'string',
    transparency: 'string',
    updated: 'date-time',
    visibility: 'string',
    workingLocationProperties: ref('EventWorkingLocationProperties'),
  },
  EventAttachment: {
    fileId: 'string',
    fileUrl: 'string',
    iconLink: 'string',
    mimeType: 'string',
    title: 'string',
  },
  EventAttendee: {
    additionalGuests: 'integer',
    comment: 'string',
    displayName: 'string',
    email: 'string',
    id: 'string',
    optional: 'boolean',
    organizer: 'boolean',
    resource: 'boolean',
    responseStatus: 'string',
    self: 'boolean',
  },
  EventBirthdayProperties: {
    contact: 'string',
    customTypeName: 'string',
    type: 'string',
  },
  ConferenceData: {
    conferenceId: 'string',
    conferenceSolution: ref('ConferenceSolution'),
    createRequest: ref('CreateConferenceRequest'),
    entryPoints: arrayOf(ref('EntryPoint')),
    notes: 'string',
    parameters: ref('ConferenceParameters'),
    signature: 'string',
  },
  ConferenceSolution: {
    iconUri: 'string',
    key: ref('ConferenceSolutionKey'),
    name: 'string',
  },
  ConferenceSolutionKey: {
    type: 'string',
  },
  CreateConferenceRequest: {
    conferenceSolutionKey: ref('ConferenceSolutionKey'),
    requestId: 'string',
    status: ref('ConferenceRequestStatus'),
  },
  ConferenceRequestStatus: {
    statusCode: 'string',
  },
  EntryPoint: {
    accessCode: 'string',
    entryPointFeatures: arrayOf('string'),
    entryPointType: 'string',
    label: 'string',
    meetingCode: 'string',
    passcode: 'string',
    password: 'string',
    pin: 'string',
    regionCode: 'string',
    uri: 'string',
  },
  ConferenceParameters: {
    addOnParameters: ref('ConferenceParametersAddOnParameters'),
  },
  ConferenceParametersAddOnParameters: {
    parameters: mapOf('string'),
  },
  EventDateTime: {
    date: 'date',
    dateTime: 'date-time',
    timeZone: 'string',
  },
  EventFocusTimeProperties: {
    autoDeclineMode: 'string',
    chatStatus: 'string',
    declineMessage: 'string',
  },
  EventOutOfOfficeProperties: {
    autoDeclineMode: 'string',
    declineMessage: 'string',
  },
  EventReminder: {
    method: 'string',
    minutes: 'integer',
  },
  EventWorkingLocationProperties: {
    customLocation: objectOf({ label: 'string' }),
    homeOffice: 'any',
    officeLocation: objectOf({ buildingId: 'string', deskId: 'string', floorId: 'string', floorSectionId: 'string', label: 'string' }),
    type: 'string',
  },
  Calendar: {
    autoAcceptInvitations: 'boolean',
    conferenceProperties: ref('ConferenceProperties'),
    dataOwner: 'string',
    description: 'string',
    etag: 'string',
    id: 'string',
    kind: 'string',
    location: 'string',
    summary: 'string',
    timeZone: 'string',
  },
  ConferenceProperties: {
    allowedConferenceSolutionTypes: arrayOf('string'),
  },
  CalendarListEntry: {
    accessRole: 'string',
    autoAcceptInvitations: 'boolean',
    backgroundColor: 'string',
    colorId: 'string',
    conferenceProperties: ref('ConferenceProperties'),
    dataOwner: 'string',
    defaultReminders: arrayOf(ref('EventReminder')),
    deleted: 'boolean',
    description: 'string',
    etag: 'string',
    foregroundColor: 'string',
    hidden: 'boolean',
    id: 'string',
    kind: 'string',
    location: 'string',
    notificationSettings: objectOf({ notifications: arrayOf(ref('CalendarNotification')) }),
    primary: 'boolean',
    selected: 'boolean',
    summary: 'string',
    summaryOverride: 'string',
    timeZone: 'string',
  },
  CalendarNotification: {
    method: 'string',
    type: 'string',
  },
};

/** Enum values by `Schema.property` path (nested object properties joined with dots). */
export const ENUMS: Readonly<Record<string, readonly string[]>> = {
  'Event.eventType': ['birthday', 'default', 'focusTime', 'fromGmail', 'outOfOffice', 'workingLocation'],
  'Event.gadget.display': ['icon', 'chip'],
  'Event.status': ['confirmed', 'tentative', 'cancelled'],
  'Event.transparency': ['opaque', 'transparent'],
  'Event.visibility': ['default', 'public', 'private', 'confidential'],
  'EventAttendee.responseStatus': ['needsAction', 'declined', 'tentative', 'accepted'],
  'EventBirthdayProperties.type': ['anniversary', 'birthday', 'custom', 'other', 'self'],
  'ConferenceSolutionKey.type': ['eventHangout', 'eventNamedHangout', 'hangoutsMeet', 'addOn'],
  'ConferenceRequestStatus.statusCode': ['pending', 'success', 'failure'],
  'EntryPoint.entryPointType': ['video', 'phone', 'sip', 'more'],
  'EventReminder.method': ['email', 'popup'],
  'EventWorkingLocationProperties.type': ['homeOffice', 'officeLocation', 'customLocation'],
  'ConferenceProperties.allowedConferenceSolutionTypes': ['eventHangout', 'eventNamedHangout', 'hangoutsMeet'],
  'CalendarListEntry.accessRole': ['freeBusyReader', 'reader', 'writer', 'owner'],
  'CalendarNotification.type': ['eventCreation', 'eventChange', 'eventCancellation', 'eventResponse', 'agenda'],
};
