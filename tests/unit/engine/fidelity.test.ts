import { describe, expect, it } from 'vitest';
import { CALENDAR_FIELDS, type CalendarEvent } from '../../../model/calendar';
import { lostFields, presentFields, valueAtPath } from '../../../entrypoints/background/engine/fidelity';

const event: CalendarEvent = {
  uid: 'u@x',
  title: 'T',
  description: '',
  start: { dateTime: '2025-01-01T10:00:00', timeZone: 'Europe/Berlin' },
  end: { dateTime: '2025-01-01T11:00:00' },
  status: 'confirmed',
  busy: 'busy',
  visibility: 'default',
  attendees: [
    { email: 'a@x', role: 'required', status: 'accepted' },
    { email: 'b@x', role: 'optional', status: 'declined', comment: 'away' },
  ],
  reminders: [],
  recurrence: { rrule: ['FREQ=DAILY'], rdate: [], exdate: [] },
};

describe('fidelity', () => {
  it('reads dotted paths, through arrays', () => {
    expect(valueAtPath(event, 'start.timeZone')).toBe('Europe/Berlin');
    expect(valueAtPath(event, 'attendees.status')).toEqual(['accepted', 'declined']);
    expect(valueAtPath(event, 'attendees.comment')).toEqual(['away']);
    expect(valueAtPath(event, 'recurrence.rrule')).toEqual(['FREQ=DAILY']);
  });

  it('counts a path present only when set and not empty', () => {
    expect(presentFields(event, CALENDAR_FIELDS).sort()).toEqual(
      ['uid', 'title', 'start', 'end', 'start.timeZone', 'status', 'busy', 'visibility', 'attendees', 'attendees.status', 'attendees.comment', 'recurrence.rrule'].sort(),
    );
  });

  it('reports undeclared present fields and adds the importer\'s own, without repeating a field', () => {
    const kept = CALENDAR_FIELDS.filter((f) => f !== 'attendees.comment' && f !== 'recurrence.rrule');
    const lost = lostFields(event, CALENDAR_FIELDS, kept, [{ field: 'recurrence.rrule', reason: 'mine' }, { field: 'start', reason: 'rounded' }], 'Outlook');
    expect(lost).toEqual([
      { field: 'recurrence.rrule', reason: 'Outlook has no place for it' },
      { field: 'attendees.comment', reason: 'Outlook has no place for it' },
      { field: 'start', reason: 'rounded' },
    ]);
  });
});
