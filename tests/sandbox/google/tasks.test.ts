/** The Google Tasks sandbox enforces the API's rules: parameters, bodies, scopes, order, quota, archive. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseTaskFile } from '../../../model/task-ics';
import { writeSampleTasks } from '../sample-data/tasks';
import { GOOGLE_ACCOUNT } from './account';
import { CLIENT_ID, makeSandbox, request, type GoogleSandbox } from './test-support';
import { createGoogleTasks } from './tasks/index';

process.env.FERRY_SANDBOX_GOOGLE_TASKS_RATE_LIMIT = 'off';

const API = 'https://tasks.googleapis.com/tasks/v1';
const TASKS = 'https://www.googleapis.com/auth/tasks';

type Body = Record<string, any>;

describe('Google Tasks sandbox', () => {
  let sandbox: GoogleSandbox;
  let token: string;
  let readOnly: string;
  const call = async (method: string, url: string, body?: object, as = token) => {
    const reply = await sandbox.handle(request(method, url, { token: as, ...(body !== undefined && { body }) }));
    return { status: reply.status, body: reply.body as Body, headers: reply.headers ?? {} };
  };

  beforeEach(() => {
    const made = makeSandbox();
    sandbox = made.sandbox;
    const issue = (scopes: string[]) => made.tokens.issue({ provider: 'google', clientId: CLIENT_ID, account: GOOGLE_ACCOUNT.email, scopes }, { expiresInSec: 3600, refresh: false }).accessToken;
    token = issue([TASKS]);
    readOnly = issue([`${TASKS}.readonly`]);
  });

  it('lists the default list as "My Tasks", also at @default and on www.googleapis.com', async () => {
    const lists = await call('GET', `${API}/users/@me/lists`);
    expect(lists.status).toBe(200);
    expect(lists.body.kind).toBe('tasks#taskLists');
    expect(lists.body.items.map((l: Body) => l.title)).toEqual(['My Tasks']);
    const byAlias = await call('GET', `${API}/users/@me/lists/@default`);
    expect(byAlias.body.id).toBe(lists.body.items[0].id);
    const legacy = await call('GET', 'https://www.googleapis.com/tasks/v1/users/@me/lists/@default');
    expect(legacy.body.id).toBe(lists.body.items[0].id);
  });

  it('refuses maxResults out of bounds and unknown parameters with 400', async () => {
    for (const q of ['maxResults=101', 'maxResults=0', 'maxResults=ten', 'colour=red']) {
      const reply = await call('GET', `${API}/lists/@default/tasks?${q}`);
      expect(reply.status, q).toBe(400);
      expect(reply.body.error.code).toBe(400);
    }
    expect((await call('GET', `${API}/lists/@default/tasks?maxResults=100`)).status).toBe(200);
    expect((await call('GET', `${API}/users/@me/lists?maxResults=1001`)).status).toBe(400);
  });

  it('refuses unknown fields, wrong types, bad status and over-long text, and a list without a title', async () => {
    const url = `${API}/lists/@default/tasks`;
    expect((await call('POST', url, { title: 'a', priority: 1 })).body.error.message).toContain('Unknown name "priority"');
    expect((await call('POST', url, { title: 7 })).status).toBe(400);
    expect((await call('POST', url, { title: 'a', status: 'done' })).status).toBe(400);
    expect((await call('POST', url, { title: 'x'.repeat(1025) })).status).toBe(400);
    expect((await call('POST', url, { title: 'a', notes: 'n'.repeat(8193) })).status).toBe(400);
    expect((await call('POST', url, { title: 'a', due: 'tomorrow' })).status).toBe(400);
    expect((await call('POST', `${API}/users/@me/lists`, {})).body.error.errors[0].reason).toBe('required');
  });

  it('keeps only the due date, stamps a completion time when none is given, and ignores output-only fields', async () => {
    const made = await call('POST', `${API}/lists/@default/tasks`, { title: 'Ünï ✓', due: '2025-03-14T17:45:00+02:00', status: 'completed', position: '999', kind: 'x' });
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ kind: 'tasks#task', title: 'Ünï ✓', due: '2025-03-14T00:00:00.000Z', status: 'completed', position: '00000000000000000000' });
    expect(Date.parse(made.body.completed)).toBeGreaterThan(0);
  });

  it('places tasks by parent and previous, and refuses a previous that is not a sibling', async () => {
    const url = `${API}/lists/@default/tasks`;
    const a = (await call('POST', url, { title: 'A' })).body;
    const b = (await call('POST', `${url}?previous=${a.id}`, { title: 'B' })).body;
    const c = (await call('POST', url, { title: 'C' })).body;
    const a1 = (await call('POST', `${url}?parent=${a.id}`, { title: 'A1' })).body;
    expect((await call('POST', `${url}?parent=${a.id}&previous=${b.id}`, { title: 'bad' })).status).toBe(400);
    expect((await call('POST', `${url}?parent=nope`, { title: 'bad' })).status).toBe(400);
    const listed = (await call('GET', `${url}?maxResults=100`)).body.items as Body[];
    const byTitle = new Map(listed.map((t) => [t.title, t]));
    expect(['C', 'A', 'B'].map((t) => byTitle.get(t)!.position)).toEqual(['00000000000000000000', '00000000000000000001', '00000000000000000002']);
    expect(byTitle.get('A1')).toMatchObject({ parent: a.id, position: '00000000000000000000' });
    expect([b.id, c.id, a1.id].every(Boolean)).toBe(true);
  });

  it('answers 403 insufficientPermissions to a read-only token that writes, and 401 without a token', async () => {
    expect((await call('GET', `${API}/lists/@default/tasks`, undefined, readOnly)).status).toBe(200);
    const refused = await call('POST', `${API}/lists/@default/tasks`, { title: 'x' }, readOnly);
    expect(refused.status).toBe(403);
    expect(refused.body.error.errors[0].reason).toBe('insufficientPermissions');
    expect((await call('GET', `${API}/users/@me/lists`, undefined, 'nope')).status).toBe(401);
  });

  it('pages with nextPageToken and hides completed seeded tasks unless showHidden', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-gtasks-'));
    try {
      await writeSampleTasks(dir, { lists: 2, count: 60, seed: 3 });
      sandbox.reset();
      await sandbox.seed(dir);
      const all: Body[] = [];
      let pageToken: string | undefined;
      do {
        const page = await call('GET', `${API}/lists/@default/tasks?maxResults=7&showHidden=true${pageToken ? `&pageToken=${pageToken}` : ''}`);
        all.push(...page.body.items);
        pageToken = page.body.nextPageToken;
      } while (pageToken);
      expect(all).toHaveLength(30);
      const visible = (await call('GET', `${API}/lists/@default/tasks?maxResults=100`)).body.items as Body[];
      expect(visible.length).toBe(all.filter((t) => t.status !== 'completed').length);
      expect(all.filter((t) => t.status === 'completed').every((t) => t.hidden === true)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('dumps what it was seeded with, field by field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-gtasks-'));
    try {
      await writeSampleTasks(dir, { lists: 3, count: 90, seed: 5 });
      const original = parseTaskFile(await readFile(join(dir, 'tasks', 'default.ics'), 'utf8'));
      sandbox.reset();
      await sandbox.seed(dir);
      const out = join(dir, 'out');
      await sandbox.dump(out);
      const dumped = parseTaskFile(await readFile(join(out, 'tasks', 'default.ics'), 'utf8'));
      expect(dumped.list.name).toBe(original.list.name);
      const shape = (tasks: typeof original.tasks) => {
        const title = new Map(tasks.map((t) => [t.uid, t.title]));
        return tasks.map((t) => ({ title: t.title, notes: t.notes, due: t.due, status: t.status, completed: t.completed, order: t.order, parent: t.parent && title.get(t.parent) })).sort((a, b) => a.title.localeCompare(b.title));
      };
      expect(shape(dumped.tasks)).toEqual(shape(original.tasks));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('answers 429 with Retry-After over the rate, 403 dailyLimitExceeded over the day', async () => {
    let now = 1_700_000_000_000;
    const made = makeSandbox();
    const tasks = createGoogleTasks({ ctx: { ...made.ctx }, now: () => now }, { quota: { perSecond: 1, burst: 2, perDay: 4 } });
    const t = made.tokens.issue({ provider: 'google', clientId: CLIENT_ID, account: GOOGLE_ACCOUNT.email, scopes: [TASKS] }, { expiresInSec: 3600, refresh: false }).accessToken;
    const get = () => tasks.handle(request('GET', `${API}/users/@me/lists`, { token: t }));
    expect((await get())!.status).toBe(200);
    expect((await get())!.status).toBe(200);
    const throttled = (await get())!;
    expect(throttled.status).toBe(429);
    expect(throttled.headers?.['retry-after']).toBe('1');
    now += 2000;
    expect((await get())!.status).toBe(200);
    expect((await get())!.status).toBe(200);
    const daily = (await get())!;
    expect(daily.status).toBe(403);
    expect((daily.body as Body).error.errors[0].reason).toBe('dailyLimitExceeded');
  });
});
