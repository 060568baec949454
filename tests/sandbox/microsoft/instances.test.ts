import { describe, expect, it } from 'vitest';
import { graphClient, json, makeSandbox, signIn } from './test-kit';

const setup = async () => {
  const { sandbox } = makeSandbox();
  const { access_token } = await signIn(sandbox);
  return { sandbox, graph: graphClient(sandbox, access_token) };
};

const BERLIN = { prefer: 'outlook.timezone="Europe/Berlin"' };

const weeklyStandup = {
  subject: 'Standup',
  start: { dateTime: '2025-03-17T09:00:00', timeZone: 'Europe/Berlin' },
  end: { dateTime: '2025-03-17T09:15:00', timeZone: 'Europe/Berlin' },
  recurrence: {
    pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday', 'wednesday'] },
    range: { type: 'numbered', startDate: '2025-03-17', numberOfOccurrences: 6 },
  },
};

type Instance = { id: string; type: string; subject: string; start: { dateTime: string }; seriesMasterId: string; originalStart: string };

const instances = async (graph: ReturnType<typeof graphClient>, id: string, from = '2025-03-01T00:00:00Z', to = '2025-05-01T00:00:00Z') => {
  const reply = await graph('GET', `/me/events/${id}/instances?startDateTime=${from}&endDateTime=${to}&$top=100`, undefined, BERLIN);
  expect(reply.status).toBe(200);
  return json(reply).value as Instance[];
};

describe('Graph recurring events', () => {
  it('stores a series master with Graph\'s full recurrence shape and lists it, not its occurrences', async () => {
    const { graph } = await setup();
    const master = json(await graph('POST', '/me/events', weeklyStandup));
    expect(master.type).toBe('seriesMaster');
    expect(master.recurrence).toEqual({
      pattern: { type: 'weekly', interval: 1, month: 0, dayOfMonth: 0, daysOfWeek: ['monday', 'wednesday'], firstDayOfWeek: 'sunday', index: 'first' },
      range: { type: 'numbered', startDate: '2025-03-17', endDate: '0001-01-01', recurrenceTimeZone: 'Europe/Berlin', numberOfOccurrences: 6 },
    });
    const list = json(await graph('GET', '/me/events'));
    expect(list.value.map((e: { type: string }) => e.type)).toEqual(['seriesMaster']);
  });

  it('expands instances in a window, keeping local time across the DST change', async () => {
    const { graph } = await setup();
    const id = json(await graph('POST', '/me/events', weeklyStandup)).id;
    const all = await instances(graph, id);
    expect(all.map((i) => i.start.dateTime)).toEqual([
      '2025-03-17T09:00:00.0000000', '2025-03-19T09:00:00.0000000', '2025-03-24T09:00:00.0000000',
      '2025-03-26T09:00:00.0000000', '2025-03-31T09:00:00.0000000', '2025-04-02T09:00:00.0000000',
    ]);
    expect(all.every((i) => i.type === 'occurrence' && i.seriesMasterId === id)).toBe(true);
    expect(all[0]?.originalStart).toBe('2025-03-17T08:00:00Z');
    expect(all[4]?.originalStart).toBe('2025-03-31T07:00:00Z');
    const utc = json(await graph('GET', `/me/events/${all[4]?.id}`));
    expect(utc.start).toEqual({ dateTime: '2025-03-31T07:00:00.0000000', timeZone: 'UTC' });
    const window = await instances(graph, id, '2025-03-20T00:00:00Z', '2025-03-27T00:00:00Z');
    expect(window.map((i) => i.start.dateTime.slice(0, 10))).toEqual(['2025-03-24', '2025-03-26']);
  });

  it('requires startDateTime and endDateTime', async () => {
    const { graph } = await setup();
    const id = json(await graph('POST', '/me/events', weeklyStandup)).id;
    const reply = await graph('GET', `/me/events/${id}/instances?startDateTime=2025-03-01T00:00:00Z`);
    expect(reply.status).toBe(400);
    expect(json(reply).error).toMatchObject({ code: 'ErrorInvalidParameter', message: 'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.' });
  });

  it('turns a PATCHed occurrence into an exception and a DELETEd one into a cancelled occurrence (listed only on GET by the master id)', async () => {
    const { graph } = await setup();
    const id = json(await graph('POST', '/me/events', weeklyStandup)).id;
    const [, second, third] = await instances(graph, id);
    const moved = await graph('PATCH', `/me/events/${second?.id}`, {
      subject: 'Standup (moved)', start: { dateTime: '2025-03-20T10:00:00', timeZone: 'Europe/Berlin' }, end: { dateTime: '2025-03-20T10:15:00', timeZone: 'Europe/Berlin' },
    });
    expect(moved.status).toBe(200);
    expect(json(moved)).toMatchObject({ id: second?.id, type: 'exception', seriesMasterId: id, originalStart: '2025-03-19T08:00:00Z', subject: 'Standup (moved)' });
    expect((await graph('DELETE', `/me/events/${third?.id}`)).status).toBe(204);
    const after = await instances(graph, id);
    expect(after.map((i) => [i.start.dateTime.slice(0, 16), i.type, i.subject])).toEqual([
      ['2025-03-17T09:00', 'occurrence', 'Standup'],
      ['2025-03-20T10:00', 'exception', 'Standup (moved)'],
      ['2025-03-26T09:00', 'occurrence', 'Standup'],
      ['2025-03-31T09:00', 'occurrence', 'Standup'],
      ['2025-04-02T09:00', 'occurrence', 'Standup'],
    ]);
    expect((await graph('GET', `/me/events/${third?.id}`)).status).toBe(404);
    const master = json(await graph('GET', `/me/events/${id}?$select=subject,cancelledOccurrences&$expand=exceptionOccurrences`));
    expect(master.cancelledOccurrences).toEqual([`OID.${id}.2025-03-24`]);
    expect(master.exceptionOccurrences.map((e: { id: string }) => e.id)).toEqual([second?.id]);
    const listed = json(await graph('GET', '/me/events?$select=subject,cancelledOccurrences&$expand=exceptionOccurrences')).value;
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty('cancelledOccurrences');
    expect(listed[0]).not.toHaveProperty('exceptionOccurrences');
    expect((await graph('DELETE', `/me/events/${second?.id}`)).status).toBe(204);
    expect((await instances(graph, id)).map((i) => i.start.dateTime.slice(0, 10))).toEqual(['2025-03-17', '2025-03-26', '2025-03-31', '2025-04-02']);
  });

  it('refuses a recurrence on an occurrence, and drops exceptions when the series pattern changes', async () => {
    const { graph } = await setup();
    const id = json(await graph('POST', '/me/events', weeklyStandup)).id;
    const [first] = await instances(graph, id);
    const bad = await graph('PATCH', `/me/events/${first?.id}`, { recurrence: weeklyStandup.recurrence });
    expect(bad.status).toBe(400);
    await graph('PATCH', `/me/events/${first?.id}`, { subject: 'Special' });
    await graph('PATCH', `/me/events/${id}`, { recurrence: { ...weeklyStandup.recurrence, range: { type: 'numbered', startDate: '2025-03-17', numberOfOccurrences: 2 } } });
    expect((await instances(graph, id)).map((i) => [i.type, i.subject])).toEqual([['occurrence', 'Standup'], ['occurrence', 'Standup']]);
  });

  it('expands monthly, yearly and endDate patterns', async () => {
    const { graph } = await setup();
    const lastFriday = json(await graph('POST', '/me/events', {
      subject: 'Review', start: { dateTime: '2025-01-31T15:00:00', timeZone: 'UTC' }, end: { dateTime: '2025-01-31T16:00:00', timeZone: 'UTC' },
      recurrence: { pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['friday'], index: 'last' }, range: { type: 'endDate', startDate: '2025-01-31', endDate: '2025-04-25' } },
    })).id;
    expect((await instances(graph, lastFriday, '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z')).map((i) => i.start.dateTime.slice(0, 10))).toEqual(['2025-01-31', '2025-02-28', '2025-03-28', '2025-04-25']);
    const birthday = json(await graph('POST', '/me/events', {
      subject: 'Birthday', isAllDay: true, start: { dateTime: '2025-06-15T00:00:00', timeZone: 'UTC' }, end: { dateTime: '2025-06-16T00:00:00', timeZone: 'UTC' },
      recurrence: { pattern: { type: 'absoluteYearly', interval: 1, month: 6, dayOfMonth: 15 }, range: { type: 'noEnd', startDate: '2025-06-15' } },
    })).id;
    expect((await instances(graph, birthday, '2025-01-01T00:00:00Z', '2028-01-01T00:00:00Z')).map((i) => i.start.dateTime.slice(0, 10))).toEqual(['2025-06-15', '2026-06-15', '2027-06-15']);
  });

  it('cancels a meeting the user organizes (202, then gone) and refuses one she does not', async () => {
    const { graph } = await setup();
    const id = json(await graph('POST', '/me/events', weeklyStandup)).id;
    const [first] = await instances(graph, id);
    expect((await graph('POST', `/me/events/${first?.id}/cancel`, { Comment: 'Not today' })).status).toBe(202);
    expect(await instances(graph, id)).toHaveLength(5);
    expect((await graph('POST', `/me/events/${id}/cancel`, { comment: 'Cancelled' })).status).toBe(202);
    expect((await graph('GET', `/me/events/${id}`)).status).toBe(404);
    const theirs = json(await graph('POST', '/me/events', { ...weeklyStandup, organizer: { emailAddress: { address: 'carol@example.com', name: 'Carol' } } }));
    expect(theirs.isOrganizer).toBe(false);
    const refused = await graph('POST', `/me/events/${theirs.id}/cancel`, { Comment: 'x' });
    expect(refused.status).toBe(400);
    expect(json(refused).error.code).toBe('ErrorAccessDenied');
    expect((await graph('POST', `/me/events/${theirs.id}/cancel`, { reason: 'x' })).status).toBe(400);
  });
});
