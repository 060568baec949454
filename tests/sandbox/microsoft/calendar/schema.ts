/**
 * The Graph v1.0 types the sandbox validates and answers with, written with the CSDL's own names and
 * types (microsoft-graph-v1.0-csdl.xml); schema.test.ts checks them against the CSDL when it is present.
 * `readOnly` marks what the service sets (a client's value is ignored), `navigation` a NavigationProperty,
 * `unsupported` a navigation property Graph accepts inline but the sandbox does not model.
 */
export interface PropertySpec {
  type: string;
  collection?: boolean;
  nullable?: boolean;
  readOnly?: boolean;
  navigation?: boolean;
  unsupported?: boolean;
}

export interface StructuredTypeSpec {
  /** Graph's own type name, as in error messages (`Microsoft.OutlookServices.Event`). */
  serviceName: string;
  kind: 'EntityType' | 'ComplexType';
  properties: Record<string, PropertySpec>;
}

const S = (extra: Omit<PropertySpec, 'type'> = {}): PropertySpec => ({ type: 'Edm.String', ...extra });
const B: PropertySpec = { type: 'Edm.Boolean' };
const RO = (type: string, extra: Omit<PropertySpec, 'type' | 'readOnly'> = {}): PropertySpec => ({ type, readOnly: true, ...extra });

export const ENUMS: Record<string, readonly string[]> = {
  'graph.calendarColor': ['auto', 'lightBlue', 'lightGreen', 'lightOrange', 'lightGray', 'lightYellow', 'lightTeal', 'lightPink', 'lightBrown', 'lightRed', 'maxColor'],
  'graph.onlineMeetingProviderType': ['unknown', 'skypeForBusiness', 'skypeForConsumer', 'teamsForBusiness'],
  'graph.bodyType': ['text', 'html'],
  'graph.importance': ['low', 'normal', 'high'],
  'graph.sensitivity': ['normal', 'personal', 'private', 'confidential'],
  'graph.freeBusyStatus': ['unknown', 'free', 'tentative', 'busy', 'oof', 'workingElsewhere'],
  'graph.eventType': ['singleInstance', 'occurrence', 'exception', 'seriesMaster'],
  'graph.dayOfWeek': ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'],
  'graph.weekIndex': ['first', 'second', 'third', 'fourth', 'last'],
  'graph.recurrencePatternType': ['daily', 'weekly', 'absoluteMonthly', 'relativeMonthly', 'absoluteYearly', 'relativeYearly'],
  'graph.recurrenceRangeType': ['endDate', 'noEnd', 'numbered'],
  'graph.attendeeType': ['required', 'optional', 'resource'],
  'graph.responseType': ['none', 'organizer', 'tentativelyAccepted', 'accepted', 'declined', 'notResponded'],
  'graph.locationType': ['default', 'conferenceRoom', 'homeAddress', 'businessAddress', 'geoCoordinates', 'streetAddress', 'hotel', 'restaurant', 'localBusiness', 'postalAddress'],
  'graph.locationUniqueIdType': ['unknown', 'locationStore', 'directory', 'private', 'bing'],
  'graph.phoneType': ['home', 'business', 'mobile', 'other', 'assistant', 'homeFax', 'businessFax', 'otherFax', 'pager', 'radio'],
};

const entityAndOutlookItem: Record<string, PropertySpec> = {
  id: RO('Edm.String', { nullable: false }),
  categories: { type: 'Edm.String', collection: true },
  changeKey: RO('Edm.String'),
  createdDateTime: RO('Edm.DateTimeOffset'),
  lastModifiedDateTime: RO('Edm.DateTimeOffset'),
};

export const TYPES: Record<string, StructuredTypeSpec> = {
  'graph.calendar': {
    serviceName: 'Microsoft.OutlookServices.Calendar',
    kind: 'EntityType',
    properties: {
      id: RO('Edm.String', { nullable: false }),
      allowedOnlineMeetingProviders: RO('graph.onlineMeetingProviderType', { collection: true }),
      canEdit: RO('Edm.Boolean'),
      canShare: RO('Edm.Boolean'),
      canViewPrivateItems: RO('Edm.Boolean'),
      changeKey: RO('Edm.String'),
      color: { type: 'graph.calendarColor' },
      defaultOnlineMeetingProvider: RO('graph.onlineMeetingProviderType'),
      hexColor: RO('Edm.String'),
      isDefaultCalendar: RO('Edm.Boolean'),
      isRemovable: RO('Edm.Boolean'),
      isTallyingResponses: RO('Edm.Boolean'),
      name: S(),
      owner: RO('graph.emailAddress'),
      calendarPermissions: { type: 'graph.calendarPermission', collection: true, navigation: true, unsupported: true },
      calendarView: { type: 'graph.event', collection: true, navigation: true, unsupported: true },
      events: { type: 'graph.event', collection: true, navigation: true, unsupported: true },
      multiValueExtendedProperties: { type: 'graph.multiValueLegacyExtendedProperty', collection: true, navigation: true, unsupported: true },
      singleValueExtendedProperties: { type: 'graph.singleValueLegacyExtendedProperty', collection: true, navigation: true, unsupported: true },
    },
  },
  'graph.event': {
    serviceName: 'Microsoft.OutlookServices.Event',
    kind: 'EntityType',
    properties: {
      ...entityAndOutlookItem,
      allowNewTimeProposals: B,
      attendees: { type: 'graph.attendee', collection: true },
      body: { type: 'graph.itemBody' },
      bodyPreview: RO('Edm.String'),
      cancelledOccurrences: RO('Edm.String', { collection: true, nullable: false }),
      end: { type: 'graph.dateTimeTimeZone' },
      hasAttachments: RO('Edm.Boolean'),
      hideAttendees: B,
      iCalUId: RO('Edm.String'),
      importance: { type: 'graph.importance' },
      isAllDay: B,
      isCancelled: RO('Edm.Boolean'),
      isDraft: RO('Edm.Boolean'),
      isOnlineMeeting: B,
      isOrganizer: RO('Edm.Boolean'),
      isReminderOn: B,
      location: { type: 'graph.location' },
      locations: { type: 'graph.location', collection: true },
      onlineMeeting: RO('graph.onlineMeetingInfo'),
      onlineMeetingProvider: { type: 'graph.onlineMeetingProviderType' },
      onlineMeetingUrl: RO('Edm.String'),
      organizer: { type: 'graph.recipient' },
      originalEndTimeZone: RO('Edm.String'),
      originalStart: RO('Edm.DateTimeOffset'),
      originalStartTimeZone: RO('Edm.String'),
      recurrence: { type: 'graph.patternedRecurrence' },
      reminderMinutesBeforeStart: { type: 'Edm.Int32' },
      responseRequested: B,
      responseStatus: RO('graph.responseStatus'),
      sensitivity: { type: 'graph.sensitivity' },
      seriesMasterId: RO('Edm.String'),
      showAs: { type: 'graph.freeBusyStatus' },
      start: { type: 'graph.dateTimeTimeZone' },
      subject: S(),
      transactionId: S(),
      type: RO('graph.eventType'),
      webLink: RO('Edm.String'),
      attachments: { type: 'graph.attachment', collection: true, navigation: true, unsupported: true },
      calendar: { type: 'graph.calendar', navigation: true, readOnly: true },
      exceptionOccurrences: { type: 'graph.event', collection: true, navigation: true, readOnly: true },
      extensions: { type: 'graph.extension', collection: true, navigation: true, unsupported: true },
      instances: { type: 'graph.event', collection: true, navigation: true, readOnly: true },
      multiValueExtendedProperties: { type: 'graph.multiValueLegacyExtendedProperty', collection: true, navigation: true, unsupported: true },
      singleValueExtendedProperties: { type: 'graph.singleValueLegacyExtendedProperty', collection: true, navigation: true },
    },
  },
  'graph.singleValueLegacyExtendedProperty': {
    serviceName: 'Microsoft.OutlookServices.SingleValueLegacyExtendedProperty',
    kind: 'EntityType',
    properties: { id: { type: 'Edm.String', nullable: false }, value: S() },
  },
  'graph.dateTimeTimeZone': {
    serviceName: 'Microsoft.OutlookServices.DateTimeTimeZone',
    kind: 'ComplexType',
    properties: { dateTime: { type: 'Edm.String', nullable: false }, timeZone: S() },
  },
  'graph.itemBody': {
    serviceName: 'Microsoft.OutlookServices.ItemBody',
    kind: 'ComplexType',
    properties: { content: S(), contentType: { type: 'graph.bodyType' } },
  },
  'graph.patternedRecurrence': {
    serviceName: 'Microsoft.OutlookServices.PatternedRecurrence',
    kind: 'ComplexType',
    properties: { pattern: { type: 'graph.recurrencePattern' }, range: { type: 'graph.recurrenceRange' } },
  },
  'graph.recurrencePattern': {
    serviceName: 'Microsoft.OutlookServices.RecurrencePattern',
    kind: 'ComplexType',
    properties: {
      dayOfMonth: { type: 'Edm.Int32', nullable: false },
      daysOfWeek: { type: 'graph.dayOfWeek', collection: true },
      firstDayOfWeek: { type: 'graph.dayOfWeek' },
      index: { type: 'graph.weekIndex' },
      interval: { type: 'Edm.Int32', nullable: false },
      month: { type: 'Edm.Int32', nullable: false },
      type: { type: 'graph.recurrencePatternType' },
    },
  },
  'graph.recurrenceRange': {
    serviceName: 'Microsoft.OutlookServices.RecurrenceRange',
    kind: 'ComplexType',
    properties: {
      endDate: { type: 'Edm.Date' },
      numberOfOccurrences: { type: 'Edm.Int32', nullable: false },
      recurrenceTimeZone: S(),
      startDate: { type: 'Edm.Date' },
      type: { type: 'graph.recurrenceRangeType' },
    },
  },
  'graph.attendee': {
    serviceName: 'Microsoft.OutlookServices.Attendee',
    kind: 'ComplexType',
    properties: {
      emailAddress: { type: 'graph.emailAddress' },
      type: { type: 'graph.attendeeType' },
      proposedNewTime: RO('graph.timeSlot'),
      status: { type: 'graph.responseStatus' },
    },
  },
  'graph.recipient': {
    serviceName: 'Microsoft.OutlookServices.Recipient',
    kind: 'ComplexType',
    properties: { emailAddress: { type: 'graph.emailAddress' } },
  },
  'graph.emailAddress': {
    serviceName: 'Microsoft.OutlookServices.EmailAddress',
    kind: 'ComplexType',
    properties: { address: S(), name: S() },
  },
  'graph.responseStatus': {
    serviceName: 'Microsoft.OutlookServices.ResponseStatus',
    kind: 'ComplexType',
    properties: { response: { type: 'graph.responseType' }, time: { type: 'Edm.DateTimeOffset' } },
  },
  'graph.location': {
    serviceName: 'Microsoft.OutlookServices.Location',
    kind: 'ComplexType',
    properties: {
      address: { type: 'graph.physicalAddress' },
      coordinates: { type: 'graph.outlookGeoCoordinates' },
      displayName: S(),
      locationEmailAddress: S(),
      locationType: { type: 'graph.locationType' },
      locationUri: S(),
      uniqueId: S(),
      uniqueIdType: { type: 'graph.locationUniqueIdType' },
    },
  },
  'graph.physicalAddress': {
    serviceName: 'Microsoft.OutlookServices.PhysicalAddress',
    kind: 'ComplexType',
    properties: { city: S(), countryOrRegion: S(), postalCode: S(), state: S(), street: S() },
  },
  'graph.outlookGeoCoordinates': {
    serviceName: 'Microsoft.OutlookServices.GeoCoordinates',
    kind: 'ComplexType',
    properties: {
      accuracy: { type: 'Edm.Double' },
      altitude: { type: 'Edm.Double' },
      altitudeAccuracy: { type: 'Edm.Double' },
      latitude: { type: 'Edm.Double' },
      longitude: { type: 'Edm.Double' },
    },
  },
  'graph.onlineMeetingInfo': {
    serviceName: 'Microsoft.OutlookServices.OnlineMeetingInfo',
    kind: 'ComplexType',
    properties: {
      conferenceId: S(),
      joinUrl: S(),
      phones: { type: 'graph.phone', collection: true },
      quickDial: S(),
      tollFreeNumbers: { type: 'Edm.String', collection: true },
      tollNumber: S(),
    },
  },
  'graph.phone': {
    serviceName: 'Microsoft.OutlookServices.Phone',
    kind: 'ComplexType',
    properties: { language: S(), number: S(), region: S(), type: { type: 'graph.phoneType' } },
  },
  'graph.timeSlot': {
    serviceName: 'Microsoft.OutlookServices.TimeSlot',
    kind: 'ComplexType',
    properties: { end: { type: 'graph.dateTimeTimeZone', nullable: false }, start: { type: 'graph.dateTimeTimeZone', nullable: false } },
  },
};

/** Properties a `$select` may name: every structural property of the type (navigation ones are `$expand`ed). */
export const selectableProperties = (typeName: string): string[] =>
  Object.entries(TYPES[typeName]?.properties ?? {})
    .filter(([, spec]) => !spec.navigation)
    .map(([name]) => name);
