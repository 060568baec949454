import { describe, expect, it } from 'vitest';
import { DestinationList } from '../../../adapters/google/tasks/destination-list';
import { fromGoogleTask, toGoogleTask } from '../../../adapters/google/tasks/map';

describe('Google Tasks map', () => {
  it('reads a Google task field by field, the due date as a day and times in whole UTC seconds', () => {
    expect(
      fromGoogleTask(
        { id: 'g1', title: 'Ünï ✓', notes: 'a\nb', due: '2025-03-14T00:00:00.000Z', status: 'completed', completed: '2025-03-10T10:11:12.345Z', parent: 'g0', position: '00000000000000000003', updated: '2025-03-10T10:11:13.000Z' },
        3,
      ),
    ).toEqual({ uid: 'g1', title: 'Ünï ✓', notes: 'a\nb', due: '2025-03-14', status: 'completed', completed: '2025-03-10T10:11:12Z', parent: 'g0', order: 3, updated: '2025-03-10T10:11:13Z' });
    expect(fromGoogleTask({ id: 'g2', status: 'needsAction', completed: '2025-01-01T00:00:00Z' }, 0)).toEqual({ uid: 'g2', title: '', status: 'needs-action', order: 0 });
  });

  it('writes the insert body, due at midnight UTC, and keeps no completion time for an open task', () => {
    expect(toGoogleTask({ uid: 'u', title: 'T', notes: 'n', due: '2025-03-14', status: 'completed', completed: '2025-03-10T10:11:12Z', order: 0 })).toEqual({
      body: { title: 'T', notes: 'n', due: '2025-03-14T00:00:00.000Z', status: 'completed', completed: '2025-03-10T10:11:12.000Z' },
      lost: [],
    });
    expect(toGoogleTask({ uid: 'u', title: 'T', status: 'needs-action', completed: '2025-03-10T10:11:12Z', order: 0 }).body).toEqual({ title: 'T', status: 'needsAction' });
  });

  it('cuts a title over 1024 and notes over 8192 characters (counted as code points) and reports each cut', () => {
    const { body, lost } = toGoogleTask({ uid: 'u', title: '✓'.repeat(1030), notes: '🎉'.repeat(8200), status: 'needs-action', order: 0 });
    expect([...body.title!]).toHaveLength(1024);
    expect([...body.notes!]).toHaveLength(8192);
    expect(lost.map((l) => l.field)).toEqual(['title', 'notes']);
    expect(lost[0]!.reason).toContain('last 6 were cut');
  });
});

describe('Google Tasks destination list', () => {
  const body = { title: 'Same', status: 'needsAction' as const };

  it('finds a task made before by its content, each Google task standing for one source task', () => {
    const list = new DestinationList([{ id: 'd1', ...body }, { id: 'd2', ...body }, { id: 'd3', ...body, parent: 'd1' }]);
    expect(list.find('k1', body, undefined)).toBe('d1');
    expect(list.find('k2', body, undefined)).toBe('d2');
    expect(list.find('k3', body, undefined)).toBeUndefined();
    expect(list.find('k1', body, undefined)).toBe('d1');
    expect(list.find('k4', body, 'd1')).toBe('d3');
    expect(list.find('k5', { ...body, notes: 'other' }, undefined)).toBeUndefined();
  });

  it('places a task after the placed sibling with the greatest lower order', () => {
    const list = new DestinationList([]);
    expect(list.previousFor(undefined, 2)).toBeUndefined();
    list.placedAt('five', undefined, 5);
    list.placedAt('one', undefined, 1);
    list.placedAt('sub', 'one', 0);
    expect(list.previousFor(undefined, 2)).toBe('one');
    expect(list.previousFor(undefined, 9)).toBe('five');
    expect(list.previousFor(undefined, 0)).toBeUndefined();
    expect(list.previousFor('one', 1)).toBe('sub');
  });
});
