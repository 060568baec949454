/**
 * The Graph v1.0 calendar resources Ferry reads and writes, as the CSDL describes them
 * (microsoft-graph-v1.0-csdl.xml: graph.event, graph.calendar and their complex types).
 */

export interface GraphDateTimeTimeZone {
  /** `YYYY-MM-DDTHH:mm:ss[.fffffff]`, no offset. */
  dateTime: string;
  /** A Windows zone name, an IANA name or `UTC`. */
  timeZone?: string;
}

export interface GraphEmailAddress {
  address?: string;
  name?: string;
}

export type GraphResponse = 'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';

export interface GraphAttendee {
  emailAddress?: GraphEmailAddress;
  type?: 'required' | 'optional' | 'resource';
  status?: { response?: GraphResponse; time?: string };
}

export type GraphDayOfWeek = 'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday';
export type GraphWeekIndex = 'first' | 'second' | 'third' | 'fourth' | 'last';

export interface GraphRecurrencePattern {
  type: 'daily' | 'weekly' | 'absoluteMonthly' | 'relativeMonthly' | 'absoluteYearly' | 'relativeYearly';
  interval: number;
  dayOfMonth?: number;
  month?: number;
  daysOfWeek?: GraphDayOfWeek[];
  firstDayOfWeek?: GraphDayOfWeek;
  index?: GraphWeekIndex;
}

export interface GraphRecurrenceRange {
  type: 'endDate' | 'noEnd' | 'numbered';
  /** `YYYY-MM-DD` */
  startDate: string;
  endDate?: string;
  numberOfOccurrences?: number;
  recurrenceTimeZone?: string;
}

export interface GraphPatternedRecurrence {
  pattern: GraphRecurrencePattern;
  range: GraphRecurrenceRange;
}

export type GraphShowAs = 'unknown' | 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere';
export type GraphSensitivity = 'normal' | 'personal' | 'private' | 'confidential';

export interface GraphExtendedProperty {
  id: string;
  value: string;
}

export interface GraphEvent {
  id: string;
  subject?: string | null;
  body?: { contentType?: 'text' | 'html'; content?: string } | null;
  location?: { displayName?: string | null } | null;
  start?: GraphDateTimeTimeZone | null;
  end?: GraphDateTimeTimeZone | null;
  originalStartTimeZone?: string | null;
  originalEndTimeZone?: string | null;
  /** UTC instant of an occurrence's or exception's slot in its series. */
  originalStart?: string | null;
  isAllDay?: boolean | null;
  isCancelled?: boolean | null;
  recurrence?: GraphPatternedRecurrence | null;
  /** `OID.<series master id>.<YYYY-MM-DD>` for each occurrence removed from the series. */
  cancelledOccurrences?: string[];
  exceptionOccurrences?: GraphEvent[];
  type?: 'singleInstance' | 'occurrence' | 'exception' | 'seriesMaster';
  seriesMasterId?: string | null;
  showAs?: GraphShowAs | null;
  sensitivity?: GraphSensitivity | null;
  organizer?: { emailAddress?: GraphEmailAddress } | null;
  /** The calendar's owner organizes the event (read-only). */
  isOrganizer?: boolean | null;
  attendees?: GraphAttendee[] | null;
  responseRequested?: boolean | null;
  isReminderOn?: boolean | null;
  reminderMinutesBeforeStart?: number | null;
  categories?: string[] | null;
  onlineMeeting?: { joinUrl?: string | null } | null;
  onlineMeetingUrl?: string | null;
  iCalUId?: string | null;
  transactionId?: string | null;
  createdDateTime?: string | null;
  lastModifiedDateTime?: string | null;
  singleValueExtendedProperties?: GraphExtendedProperty[];
}

/** What Ferry sends to create or update an event: the writable subset of graph.event. */
export type GraphEventWrite = Partial<
  Pick<
    GraphEvent,
    | 'subject'
    | 'body'
    | 'location'
    | 'start'
    | 'end'
    | 'isAllDay'
    | 'recurrence'
    | 'showAs'
    | 'sensitivity'
    | 'organizer'
    | 'attendees'
    | 'responseRequested'
    | 'isReminderOn'
    | 'reminderMinutesBeforeStart'
    | 'categories'
    | 'transactionId'
    | 'singleValueExtendedProperties'
  >
>;

export interface GraphCalendar {
  id: string;
  name: string;
  hexColor?: string | null;
  isDefaultCalendar?: boolean | null;
  canEdit?: boolean | null;
  owner?: GraphEmailAddress | null;
}

export interface GraphCollection<T> {
  value: T[];
  '@odata.nextLink'?: string;
}
