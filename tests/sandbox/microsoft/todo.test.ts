/** The To Do sandbox enforces Graph's rules: bodies, scopes, paging, $expand, $batch, its throttle, archive. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseTaskFile } from '../../../model/task-ics';
import { writeSampleTasks } from '../sample-data/tasks';
import { ALICE } from './account';
import { CLIENT_ID, GRAPH, graphClient, makeContext, makeSandbox, request } from './test-kit';
import { createMicrosoftTodo } from './tasks/index';

process.env.FERRY_SANDBOX_GRAPH_TODO_RATE_LIMIT = 'off';

type Body = Record<string, any>;

describe('Microsoft To Do sandbox', () => {
  let call: (method: string, path: string, body?: object) => Promise<{ status: number; body: Body; headers: Record<string, string> }>;
  let readOnly: ReturnType<typeof graphClient>;
  let sandbox: ReturnType<typeof makeSandbox>['sandbox'];

  beforeEach(() => {
    const made = makeSandbox();
    sandbox = made.sandbox;
    const issue = (scopes: string[]) => made.ctx.tokens.issue({ provider: 'microsoft', clientId: CLIENT_ID, account: ALICE.id, scopes }, { expiresInSec: 3600, refresh: false }).accessToken;
    const client = graphClient(sandbox, issue(['Tasks.ReadWrite']));
    readOnly = graphClient(sandbox, issue(['Tasks.Read']));
    call = async (method, path, body) => {
      const reply = await client(method, path, body);
      return { status: reply.status, body: reply.body as Body, headers: reply.headers ?? {} };
    };
  });

  const defaultListId = async () => ((await call('GET', '/me/todo/lists')).body.value as Body[]).find((l) => l.wellknownListName === 'defaultList')!.id as string;

  it('has the default "Tasks" list and the flagged-email list', async () => {
    const lists = (await call('GET', '/me/todo/lists')).body.value as Body[];
    expect(lists.map((l) => [l.displayName, l.wellknownListName])).toEqual([['Tasks', 'defaultList'], ['Flagged email', 'flaggedEmails']]);
  });

  it('creates a task with its link and checklist items, in UTC, and lists them with $expand', async () => {
    const listId = await defaultListId();
    const made = await call('POST', `/me/todo/lists/${listId}/tasks`, {
      title: 'Plan ✓',
      body: { content: 'line 1\nline 2', contentType: 'text' },
      dueDateTime: { dateTime: '2025-03-14T00:00:00', timeZone: 'W. Europe Standard Time' },
      status: 'completed',
      completedDateTime: { dateTime: '2025-03-10T10:00:00.0000000', timeZone: 'UTC' },
      linkedResources: [{ applicationName: 'Ferry', displayName: 'Moved here by Ferry', externalId: 'google:1:tasks:a' }],
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ title: 'Plan ✓', status: 'completed', dueDateTime: { dateTime: '2025-03-13T23:00:00.0000000', timeZone: 'UTC' }, completedDateTime: { dateTime: '2025-03-10T10:00:00.0000000', timeZone: 'UTC' } });
    const step = await call('POST', `/me/todo/lists/${listId}/tasks/${made.body.id}/checklistItems`, { displayName: 'Passport', isChecked: true, checkedDateTime: '2025-03-09T08:00:00Z' });
    expect(step.status).toBe(201);
    expect(step.body).toMatchObject({ displayName: 'Passport', isChecked: true, checkedDateTime: '2025-03-09T08:00:00.0000000Z' });
    const listed = (await call('GET', `/me/todo/lists/${listId}/tasks?$expand=linkedResources,checklistItems`)).body.value[0] as Body;
    expect(listed.linkedResources[0]).toMatchObject({ applicationName: 'Ferry', externalId: 'google:1:tasks:a' });
    expect(listed.checklistItems.map((c: Body) => c.displayName)).toEqual(['Passport']);
  });

  it('refuses unknown properties, bad enums, missing required properties and a bad zone with 400', async () => {
    const listId = await defaultListId();
    const tasks = `/me/todo/lists/${listId}/tasks`;
    const unknown = await call('POST', tasks, { title: 'a', priority: 'high' });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'RequestBodyRead']);
    expect((await call('POST', tasks, { title: 'a', status: 'done' })).status).toBe(400);
    expect((await call('POST', tasks, { title: 'a', dueDateTime: { timeZone: 'UTC' } })).status).toBe(400);
    expect((await call('POST', tasks, { title: 'a', dueDateTime: { dateTime: '2025-01-01T00:00:00', timeZone: 'Mars/Olympus' } })).status).toBe(400);
    expect((await call('POST', tasks, { title: 'a', linkedResources: [{ externalId: 'k' }] })).status).toBe(400);
    expect((await call('POST', '/me/todo/lists', {})).status).toBe(400);
    const parent = (await call('POST', tasks, { title: 'p' })).body.id as string;
    expect((await call('POST', `${tasks}/${parent}/checklistItems`, { isChecked: true })).status).toBe(400);
  });

  it('answers 403 ErrorAccessDenied to Tasks.Read writing, and pages with @odata.nextLink', async () => {
    const listId = await defaultListId();
    const refused = await readOnly('POST', `/me/todo/lists/${listId}/tasks`, { title: 'x' });
    expect(refused.status).toBe(403);
    expect((refused.body as Body).error.code).toBe('ErrorAccessDenied');
    for (let i = 0; i < 12; i += 1) await call('POST', `/me/todo/lists/${listId}/tasks`, { title: `t${i}` });
    const first = await call('GET', `/me/todo/lists/${listId}/tasks`);
    expect(first.body.value).toHaveLength(10);
    const second = await call('GET', first.body['@odata.nextLink']);
    expect(second.body.value.map((t: Body) => t.title)).toEqual(['t10', 't11']);
    expect(second.body['@odata.nextLink']).toBeUndefined();
  });

  it('answers To Do requests inside $batch through the same routes', async () => {
    const listId = await defaultListId();
    const reply = await call('POST', '/$batch', {
      requests: [
        { id: '1', method: 'POST', url: `/me/todo/lists/${listId}/tasks`, headers: { 'content-type': 'application/json' }, body: { title: 'batched' } },
        { id: '2', method: 'GET', url: `/me/todo/lists/${listId}/tasks?$top=1` },
      ],
    });
    const byId = new Map((reply.body.responses as Body[]).map((r) => [r.id, r]));
    expect(byId.get('1')!.status).toBe(201);
    expect(byId.get('2')!.status).toBe(200);
  });

  it('answers 429 TooManyRequests with Retry-After over its own limit', async () => {
    const todo = createMicrosoftTodo({ ctx: makeContext(), now: () => 1_700_000_000_000 }, { limits: { perSecond: 1, burst: 1 } });
    const route = todo.route('GET', ['todo', 'lists'])!;
    const fakeCall = { req: request('GET', `${GRAPH}/me/todo/lists`), query: new URLSearchParams(), prefs: {} as never, serviceRoot: GRAPH, relativeUrl: '/me/todo/lists' };
    expect((await route.run(fakeCall)).status).toBe(200);
    const error = await Promise.resolve().then(() => route.run(fakeCall)).catch((e: unknown) => e as { status: number; code: string; headers: Record<string, string> });
    expect(error).toMatchObject({ status: 429, code: 'TooManyRequests', headers: { 'retry-after': '1' } });
    expect(todo.mailbox).toBe(false);
  });

  it('dumps what it was seeded with: top-level tasks field by field, subtasks as checklist items', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-todo-'));
    try {
      await writeSampleTasks(dir, { lists: 2, count: 60, seed: 9 });
      const original = parseTaskFile(await readFile(join(dir, 'tasks', 'default.ics'), 'utf8'));
      sandbox.reset();
      await sandbox.seed(dir);
      const out = join(dir, 'out');
      await sandbox.dump(out);
      const dumped = parseTaskFile(await readFile(join(out, 'tasks', 'default.ics'), 'utf8'));
      const shape = (tasks: typeof original.tasks) => {
        const title = new Map(tasks.map((t) => [t.uid, t.title]));
        return tasks
          .map((t) => ({ title: t.title, status: t.status, completed: t.completed, order: t.order, parent: t.parent && title.get(t.parent), ...(!t.parent && { notes: t.notes, due: t.due }) }))
          .sort((a, b) => a.title.localeCompare(b.title));
      };
      expect(shape(dumped.tasks)).toEqual(shape(original.tasks));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
