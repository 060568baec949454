/** One stored Graph event as a VEVENT (the reverse of ics.ts's reading). */
import ICAL from 'ical.js';
import { htmlToText } from './body-format';
import { patternToRecur } from './recurrence';
import type { EventTime, StoredEvent } from './store';
import { ianaZone, utcMsToWall, wallToUtcMs, type Wall } from './time';

const BUSY: Record<string, string> = { free: 'FREE', tentative: 'TENTATIVE', busy: 'BUSY', oof: 'OOF', workingElsewhere: 'WORKINGELSEWHERE' };
const CLASS: Record<string, string> = { normal: 'PUBLIC', personal: 'PRIVATE', private: 'PRIVATE', confidential: 'CONFIDENTIAL' };
const PARTSTAT: Record<string, string> = { accepted: 'ACCEPTED', declined: 'DECLINED', tentativelyAccepted: 'TENTATIVE', notResponded: 'NEEDS-ACTION', none: 'NEEDS-ACTION' };

const icalTime = (wall: Wall, zone: string, isDate: boolean): ICAL.Time =>
  isDate ? ICAL.Time.fromDateString(wall.slice(0, 10)) : ICAL.Time.fromDateTimeString(zone === 'UTC' ? `${wall}Z` : wall);

/** A date or date-time property in the event's zone (IANA TZID, or UTC with Z). */
const timeProperty = (name: string, wall: Wall, zoneName: string, isDate: boolean): ICAL.Property => {
  const zone = ianaZone(zoneName) ?? 'UTC';
  const prop = new ICAL.Property(name);
  prop.setValue(icalTime(wall, zone, isDate));
  if (!isDate && zone !== 'UTC') prop.setParameter('tzid', zone);
  return prop;
};

const addTime = (vevent: ICAL.Component, name: string, t: EventTime, isDate: boolean) =>
  vevent.addProperty(timeProperty(name, t.dateTime, t.timeZone, isDate));

const stamp = (graphTime: string): ICAL.Time => ICAL.Time.fromDateTimeString(`${graphTime.slice(0, 19)}Z`);

const rrule = (event: StoredEvent): ICAL.Recur | undefined => {
  const rec = event.props.recurrence;
  if (!rec) return undefined;
  const recur = patternToRecur(rec.pattern);
  if (rec.range.type === 'numbered') recur.count = rec.range.numberOfOccurrences;
  if (rec.range.type === 'endDate') {
    const zone = ianaZone(event.props.start.timeZone) ?? 'UTC';
    recur.until = event.props.isAllDay
      ? ICAL.Time.fromDateString(rec.range.endDate)
      : ICAL.Time.fromDateTimeString(`${new Date(wallToUtcMs(`${rec.range.endDate}T23:59:59`, zone)).toISOString().slice(0, 19)}Z`);
  }
  return recur;
};

export const eventToVevent = (event: StoredEvent, master?: StoredEvent): ICAL.Component => {
  const p = event.props;
  const vevent = new ICAL.Component('vevent');
  vevent.addPropertyWithValue('uid', (master ?? event).iCalUId);
  vevent.addPropertyWithValue('dtstamp', stamp(event.lastModifiedDateTime));
  vevent.addPropertyWithValue('created', stamp(event.createdDateTime));
  vevent.addPropertyWithValue('last-modified', stamp(event.lastModifiedDateTime));
  if (master && event.originalStartUtc) {
    const zone = master.props.start.timeZone;
    const wall = utcMsToWall(Date.parse(event.originalStartUtc), ianaZone(zone) ?? 'UTC');
    vevent.addProperty(timeProperty('recurrence-id', wall, zone, master.props.isAllDay));
  }
  addTime(vevent, 'dtstart', p.start, p.isAllDay);
  addTime(vevent, 'dtend', p.end, p.isAllDay);
  if (p.subject) vevent.addPropertyWithValue('summary', p.subject);
  if (p.body.content) {
    vevent.addPropertyWithValue('description', p.body.contentType === 'html' ? htmlToText(p.body.content) : p.body.content);
    if (p.body.contentType === 'html') vevent.addPropertyWithValue('x-alt-desc', p.body.content).setParameter('fmttype', 'text/html');
  }
  const where = p.location.displayName as string | undefined;
  if (where) vevent.addPropertyWithValue('location', where);
  const coordinates = p.location.coordinates as { latitude?: number; longitude?: number } | undefined;
  if (coordinates?.latitude !== undefined && coordinates.longitude !== undefined) vevent.addPropertyWithValue('geo', [coordinates.latitude, coordinates.longitude]);
  if (p.categories.length) {
    const categories = new ICAL.Property('categories');
    categories.setValues(p.categories);
    vevent.addProperty(categories);
  }
  vevent.addPropertyWithValue('class', CLASS[p.sensitivity] ?? 'PUBLIC');
  vevent.addPropertyWithValue('transp', p.showAs === 'free' ? 'TRANSPARENT' : 'OPAQUE');
  if (BUSY[p.showAs]) vevent.addPropertyWithValue('x-microsoft-cdo-busystatus', BUSY[p.showAs] as string);
  if (p.importance !== 'normal') vevent.addPropertyWithValue('priority', p.importance === 'high' ? 1 : 9);
  if (p.isCancelled) vevent.addPropertyWithValue('status', 'CANCELLED');
  const organizer = vevent.addPropertyWithValue('organizer', `mailto:${p.organizer.emailAddress.address}`);
  if (p.organizer.emailAddress.name) organizer.setParameter('cn', p.organizer.emailAddress.name);
  for (const a of p.attendees as { type: string; status: { response: string }; emailAddress: { name: string; address: string } }[]) {
    const attendee = vevent.addPropertyWithValue('attendee', `mailto:${a.emailAddress.address}`);
    if (a.emailAddress.name) attendee.setParameter('cn', a.emailAddress.name);
    attendee.setParameter('role', a.type === 'optional' ? 'OPT-PARTICIPANT' : 'REQ-PARTICIPANT');
    if (a.type === 'resource') attendee.setParameter('cutype', 'RESOURCE');
    attendee.setParameter('partstat', PARTSTAT[a.status.response] ?? 'NEEDS-ACTION');
    if (p.responseRequested) attendee.setParameter('rsvp', 'TRUE');
  }
  const recur = rrule(event);
  if (recur) vevent.addPropertyWithValue('rrule', recur);
  for (const wall of event.cancelled) vevent.addProperty(timeProperty('exdate', wall, p.start.timeZone, p.isAllDay));
  if (p.isReminderOn) {
    const alarm = new ICAL.Component('valarm');
    alarm.addPropertyWithValue('action', 'DISPLAY');
    alarm.addPropertyWithValue('description', 'Reminder');
    alarm.addPropertyWithValue('trigger', ICAL.Duration.fromSeconds(-60 * p.reminderMinutesBeforeStart));
    vevent.addSubcomponent(alarm);
  }
  return vevent;
};
