import { describe, expect, it } from 'vitest';
import { fromChecklistItem, fromGraphTask, sourceKeyOf, sourceLink, toChecklistItem, toGraphTask } from '../../../adapters/microsoft/tasks/map';

describe('Microsoft To Do map', () => {
  it('reads a To Do task field by field, completion in any zone as UTC, HTML bodies as text', () => {
    expect(
      fromGraphTask(
        {
          id: 'm1',
          title: 'Plan ✓',
          body: { content: '<p>Line <b>one</b></p>', contentType: 'html' },
          status: 'completed',
          dueDateTime: { dateTime: '2025-03-14T00:00:00.0000000', timeZone: 'UTC' },
          completedDateTime: { dateTime: '2025-03-10T11:00:00.0000000', timeZone: 'W. Europe Standard Time' },
          createdDateTime: '2025-01-01T08:00:00.1234567Z',
          lastModifiedDateTime: '2025-03-10T10:00:00Z',
        },
        4,
      ),
    ).toEqual({ uid: 'm1', title: 'Plan ✓', notes: 'Line one', due: '2025-03-14', status: 'completed', completed: '2025-03-10T10:00:00Z', order: 4, created: '2025-01-01T08:00:00Z', updated: '2025-03-10T10:00:00Z' });
    expect(fromGraphTask({ id: 'm2', status: 'inProgress', body: { content: '', contentType: 'text' } }, 0)).toEqual({ uid: 'm2', title: '', status: 'needs-action', order: 0 });
  });

  it('reads a checklist item as a subtask of its task', () => {
    expect(fromChecklistItem({ id: 'c1', displayName: 'Passport', isChecked: true, checkedDateTime: '2025-03-09T08:00:00.0000000Z', createdDateTime: '2025-03-01T00:00:00Z' }, 'm1', 2)).toEqual({
      uid: 'c1', title: 'Passport', status: 'completed', completed: '2025-03-09T08:00:00Z', parent: 'm1', order: 2, created: '2025-03-01T00:00:00Z',
    });
  });

  it('writes a task with due at midnight UTC and its completion time, reporting order as lost', () => {
    const { body, lost } = toGraphTask({ uid: 'u', title: 'T', notes: 'n', due: '2025-03-14', status: 'completed', completed: '2025-03-10T10:11:12Z', order: 0 });
    expect(body).toEqual({
      title: 'T',
      status: 'completed',
      body: { content: 'n', contentType: 'text' },
      dueDateTime: { dateTime: '2025-03-14T00:00:00.0000000', timeZone: 'UTC' },
      completedDateTime: { dateTime: '2025-03-10T10:11:12.0000000', timeZone: 'UTC' },
    });
    expect(lost.map((l) => l.field)).toEqual(['order']);
  });

  it('writes a subtask as a checklist item and reports its notes and due date lost', () => {
    const { body, lost } = toChecklistItem({ uid: 'u', title: 'S', notes: 'n', due: '2025-03-14', status: 'completed', completed: '2025-03-10T10:11:12Z', parent: 'p', order: 1 });
    expect(body).toEqual({ displayName: 'S', isChecked: true, checkedDateTime: '2025-03-10T10:11:12.000Z' });
    expect(lost.map((l) => l.field)).toEqual(['order', 'notes', 'due']);
    expect(toChecklistItem({ uid: 'u', title: 'S', status: 'needs-action', order: 0 }).lost.map((l) => l.field)).toEqual(['order']);
  });

  it('carries the source key in a linkedResource and reads it back', () => {
    expect(sourceKeyOf({ linkedResources: [{ applicationName: 'Outlook', externalId: 'x' }, sourceLink('google:1:tasks:a')] })).toBe('google:1:tasks:a');
    expect(sourceKeyOf({ linkedResources: [{ applicationName: 'Outlook', externalId: 'x' }] })).toBeUndefined();
  });
});
