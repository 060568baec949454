/**
 * The iCalendar words for the calendar model's values (RFC 5545 §3.2, §3.8), the vendor properties
 * Ferry reads, and ical.js types shared by calendar-ics.ts (reading) and calendar-ics-write.ts (writing).
 */
import ICAL from 'ical.js';
import type { AttendeeKind, AttendeeRole, BusyStatus, EventStatus, ParticipationStatus, Visibility } from './calendar';

export type IcalComponent = InstanceType<typeof ICAL.Component>;
export type IcalProperty = InstanceType<typeof ICAL.Property>;
export type IcalTime = InstanceType<typeof ICAL.Time>;

export const STATUS: Record<EventStatus, string> = { confirmed: 'CONFIRMED', tentative: 'TENTATIVE', cancelled: 'CANCELLED' };
export const CLASS: Record<Exclude<Visibility, 'default'>, string> = {
  public: 'PUBLIC',
  private: 'PRIVATE',
  confidential: 'CONFIDENTIAL',
};
export const ROLE: Record<AttendeeRole, string> = {
  chair: 'CHAIR',
  required: 'REQ-PARTICIPANT',
  optional: 'OPT-PARTICIPANT',
  'non-participant': 'NON-PARTICIPANT',
};
export const PARTSTAT: Record<ParticipationStatus, string> = {
  'needs-action': 'NEEDS-ACTION',
  accepted: 'ACCEPTED',
  declined: 'DECLINED',
  tentative: 'TENTATIVE',
  delegated: 'DELEGATED',
};
export const CUTYPE: Record<AttendeeKind, string> = {
  individual: 'INDIVIDUAL',
  group: 'GROUP',
  resource: 'RESOURCE',
  room: 'ROOM',
  unknown: 'UNKNOWN',
};
/** Outlook's free/busy, richer than TRANSP: [MS-OXCICAL] §2.1.3.1.1.20.2 X-MICROSOFT-CDO-BUSYSTATUS. */
export const CDO_BUSY: Record<BusyStatus, string> = {
  busy: 'BUSY',
  free: 'FREE',
  tentative: 'TENTATIVE',
  oof: 'OOF',
  'working-elsewhere': 'WORKINGELSEWHERE',
};

/** The model value an iCalendar word stands for (case-insensitive), or undefined. */
export function fromIcal<T extends string>(words: Record<T, string>, value: unknown): T | undefined {
  if (typeof value !== 'string') return undefined;
  const upper = value.trim().toUpperCase();
  return (Object.keys(words) as T[]).find((key) => words[key] === upper);
}

/** Attendee comments as CalDAV servers and Apple write them (no RFC 5545 parameter exists). */
export const COMMENT_PARAM = 'x-response-comment';
export const CONFERENCE_PROPERTIES = ['conference', 'x-google-conference', 'x-microsoft-skypeteamsmeetingurl'] as const;

/**
 * ical.js types properties it does not know as `unknown` and leaves their text escaped; declaring the
 * extension properties lets it unescape and escape them like SUMMARY (CONFERENCE is RFC 7986, VALUE=URI).
 */
export function declareExtensionProperties(): void {
  const properties = ICAL.design.icalendar.property as Record<string, { defaultType: string }>;
  const textProperties = ['x-wr-calname', 'x-wr-caldesc', 'x-wr-timezone', 'x-apple-calendar-color', 'x-microsoft-cdo-busystatus', 'name', 'color'];
  for (const name of textProperties) {
    properties[name] ??= { defaultType: 'text' };
  }
  for (const name of CONFERENCE_PROPERTIES) properties[name] ??= { defaultType: 'uri' };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export const formatDate = (t: IcalTime): string => `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
export const formatDateTime = (t: IcalTime): string => `${formatDate(t)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;

/** The email in a CAL-ADDRESS (`mailto:a@b`), or undefined when it is not a mail address. */
export function mailAddress(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const address = value.trim().replace(/^mailto:/i, '');
  return /^[^@\s]+@[^@\s]+$/.test(address) ? address : undefined;
}
