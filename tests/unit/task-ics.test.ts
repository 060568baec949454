import { describe, expect, it } from 'vitest';
import type { Task } from '../../model/task';
import { parseTaskFile, writeTaskFile } from '../../model/task-ics';

const TASKS: Task[] = [
  { uid: 'a', title: 'Buy milk; and, eggs ✓', notes: 'line 1\nline 2', due: '2025-05-01', status: 'completed', completed: '2025-04-30T10:11:12Z', order: 0, created: '2025-01-01T00:00:00Z', updated: '2025-04-30T10:11:12Z' },
  { uid: 'b', title: 'Second', status: 'needs-action', order: 1 },
  { uid: 'a1', title: 'Sub one', status: 'needs-action', parent: 'a', order: 0 },
  { uid: 'a2', title: 'Sub two', status: 'completed', completed: '2025-04-01T00:00:00Z', parent: 'a', order: 1 },
];

describe('task lists as iCalendar VTODO', () => {
  it('round-trips every field, the list name, subtasks and order', () => {
    const text = writeTaskFile({ name: '読書リスト 📚' }, TASKS);
    expect(text).toContain('DUE;VALUE=DATE:20250501');
    expect(text).toContain('RELATED-TO;RELTYPE=PARENT:a');
    expect(text).toContain('X-APPLE-SORT-ORDER:1');
    const parsed = parseTaskFile(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.list).toEqual({ name: '読書リスト 📚' });
    expect(parsed.tasks).toEqual(TASKS.map((t) => expect.objectContaining(t)));
  });

  it('orders siblings by X-APPLE-SORT-ORDER, else by file position, and names what it cannot keep', () => {
    const text = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//t//EN',
      'BEGIN:VTODO', 'UID:x', 'DTSTAMP:20250101T000000Z', 'SUMMARY:Late', 'X-APPLE-SORT-ORDER:900', 'DUE:20250301T100000Z', 'END:VTODO',
      'BEGIN:VTODO', 'UID:y', 'DTSTAMP:20250101T000000Z', 'SUMMARY:Early', 'X-APPLE-SORT-ORDER:5', 'STATUS:CANCELLED', 'END:VTODO',
      'BEGIN:VTODO', 'UID:z', 'DTSTAMP:20250101T000000Z', 'SUMMARY:Orphan', 'RELATED-TO:missing', 'END:VTODO',
      'BEGIN:VTODO', 'DTSTAMP:20250101T000000Z', 'SUMMARY:No UID', 'END:VTODO',
      'END:VCALENDAR',
    ].join('\r\n');
    const { tasks, problems } = parseTaskFile(text);
    expect(tasks.map((t) => [t.title, t.order, t.due, t.status, t.parent])).toEqual([
      ['Late', 1, '2025-03-01', 'needs-action', undefined],
      ['Early', 0, undefined, 'needs-action', undefined],
      ['Orphan', 2, undefined, 'needs-action', undefined],
    ]);
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/keeps only its date[\s\S]*CANCELLED[\s\S]*no UID[\s\S]*not in the file/);
  });

  it('reports an unreadable file instead of throwing', () => {
    expect(parseTaskFile('not ical').problems[0]).toContain('not a readable iCalendar file');
    expect(parseTaskFile('').problems).toEqual(['the file is empty']);
  });
});
