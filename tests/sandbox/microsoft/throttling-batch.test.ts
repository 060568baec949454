import { describe, expect, it } from 'vitest';
import { FaultPlan } from '../core/faults';
import { DEFAULT_SCOPE, graphClient, GRAPH, json, makeContext, request, signIn } from './test-kit';
import { createMicrosoftSandbox, type MicrosoftSandboxOptions } from './index';

/** A sandbox whose context carries a fault plan, as the sandbox server's does. */
const makeSandbox = (options: MicrosoftSandboxOptions = {}) => {
  const ctx = { ...makeContext(options.now), faults: new FaultPlan() };
  return { ctx, sandbox: createMicrosoftSandbox(ctx, { serviceTimeMs: 0, ...options }) };
};

const event = (subject: string) => ({
  subject,
  start: { dateTime: '2025-03-10T09:00:00', timeZone: 'UTC' },
  end: { dateTime: '2025-03-10T10:00:00', timeZone: 'UTC' },
});

type Inner = { id: string; status: number; headers: Record<string, string>; body?: Record<string, any> };

describe('Outlook mailbox throttling', () => {
  it('answers a fifth concurrent request with 429 ApplicationThrottled (MailboxConcurrency) and Retry-After', async () => {
    const { sandbox } = makeSandbox({ serviceTimeMs: 40 });
    const graph = graphClient(sandbox, (await signIn(sandbox)).access_token);
    const replies = await Promise.all(Array.from({ length: 6 }, () => graph('GET', '/me/events')));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 429, 429]);
    const throttled = replies.find((r) => r.status === 429);
    expect(throttled?.headers?.['retry-after']).toBe('1');
    expect(json(throttled!).error).toMatchObject({ code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' });
    expect((await graph('GET', '/me/events')).status).toBe(200);
  });

  it('allows a set number of requests per window, then 429 with Retry-After until the window moves on', async () => {
    let t = Date.parse('2025-01-01T00:00:00Z');
    const { sandbox } = makeSandbox({ now: () => t, mailboxLimits: { requestsPerWindow: 3, windowMs: 600_000 } });
    const graph = graphClient(sandbox, (await signIn(sandbox)).access_token);
    for (let i = 0; i < 3; i++) expect((await graph('GET', '/me/calendars')).status).toBe(200);
    t += 100_000;
    const over = await graph('GET', '/me/calendars');
    expect(over.status).toBe(429);
    expect(over.headers?.['retry-after']).toBe('500');
    expect(json(over).error.code).toBe('ApplicationThrottled');
    t += 500_000;
    expect((await graph('GET', '/me/calendars')).status).toBe(200);
  });
});

describe('OneDrive per-user request limit', () => {
  it('counts Graph drive requests and upload fragments together, then 429 activityLimitReached until the oldest leaves the window', async () => {
    let t = Date.parse('2025-01-01T00:00:00Z');
    const { sandbox } = makeSandbox({ now: () => t, driveLimits: { requestsPerWindow: 3, windowMs: 300_000 } });
    const { access_token } = await signIn(sandbox, `${DEFAULT_SCOPE} https://graph.microsoft.com/Files.ReadWrite`);
    const graph = graphClient(sandbox, access_token);
    const photos = json(await graph('GET', '/me/drive/special/photos'));
    const session = await graph('POST', `/me/drive/items/${photos.id}:/a.jpg:/createUploadSession`, { item: {} });
    expect(session.status).toBe(200);
    t += 60_000;
    const fragment = await sandbox.handle(request('PUT', json(session).uploadUrl, { headers: { 'content-range': 'bytes 0-2/3' }, body: 'abc' }));
    expect(fragment.status).toBe(201);
    const over = await graph('GET', '/me/drive/special/photos');
    expect(over.status).toBe(429);
    expect(over.headers?.['retry-after']).toBe('240');
    expect(json(over).error.code).toBe('activityLimitReached');
    expect((await graph('GET', '/me/events')).status, 'the mailbox keeps its own count').toBe(200);
    sandbox.resetLimits?.();
    expect((await graph('GET', '/me/drive/special/photos')).status, 'a reset of the limits forgets the count').toBe(200);
  });
});

describe('Graph JSON batching', () => {
  const setup = async (options = {}) => {
    const { sandbox, ctx } = makeSandbox(options);
    const { access_token } = await signIn(sandbox, `${DEFAULT_SCOPE} https://graph.microsoft.com/Mail.ReadWrite`);
    const batch = (requests: unknown, token = access_token) =>
      sandbox.handle(request('POST', `${GRAPH}/$batch`, { headers: { authorization: `Bearer ${token}` }, body: { requests } }));
    return { sandbox, faults: ctx.faults, batch, graph: graphClient(sandbox, access_token) };
  };

  const mime = (subject: string) => Buffer.from(`From: bob@example.org\r\nSubject: ${subject}\r\nMessage-ID: <${subject}@example.org>\r\n\r\nHello\r\n`).toString('base64');

  it('takes a body that is not JSON as base64 and answers its body in base64', async () => {
    const { batch, graph } = await setup();
    // The MIME request's own body is base64 text; inside a batch that text is base64-encoded again.
    const body = Buffer.from(mime('Batched')).toString('base64');
    const reply = await batch([{ id: '1', method: 'POST', url: '/me/mailFolders/inbox/messages', headers: { 'Content-Type': 'text/plain' }, body }]);
    const [created] = json<{ responses: { id: string; status: number; body: string }[] }>(reply).responses;
    expect(created?.status).toBe(201);
    const message = JSON.parse(Buffer.from(created!.body, 'base64').toString('utf8'));
    expect(message).toMatchObject({ subject: 'Batched', internetMessageId: '<Batched@example.org>', isDraft: true });
    expect(json(await graph('GET', `/me/messages/${message.id}?$select=subject`)).subject).toBe('Batched');
  });

  it('refuses a non-JSON body that is not base64, and a batch over 4 MB', async () => {
    const { batch } = await setup();
    const notBase64 = await batch([{ id: '1', method: 'POST', url: '/me/mailFolders/inbox/messages', headers: { 'content-type': 'text/plain' }, body: 'From: x\r\n\r\nHi' }]);
    expect(notBase64.status).toBe(400);
    expect(json(notBase64).error.message).toMatch(/not a base64 string/);
    const big = Buffer.alloc(1_100_000, 'a').toString('base64');
    const tooLarge = await batch(['1', '2', '3', '4'].map((id) => ({ id, method: 'POST', url: '/me/mailFolders/inbox/messages', headers: { 'content-type': 'text/plain' }, body: big })));
    expect(tooLarge.status).toBe(413);
  });

  it('answers an injected fault inside a batch for that request alone, Retry-After included', async () => {
    const { batch, faults } = await setup();
    faults.add({ provider: 'microsoft', kind: 'status', status: 429, retryAfter: { seconds: 3 }, pathPattern: '^/graph\\.microsoft\\.com/v1\\.0/me/calendar$' });
    faults.add({ provider: 'microsoft', kind: 'status', status: 503, pathPattern: '^/graph\\.microsoft\\.com/v1\\.0/me/calendars$' });
    const reply = await batch([
      { id: '1', method: 'GET', url: '/me/events' },
      { id: '2', method: 'GET', url: '/me/calendar' },
      { id: '3', method: 'GET', url: '/me/calendars' },
      { id: '4', method: 'GET', url: '/me/calendar' },
    ]);
    const responses = json<{ responses: Inner[] }>(reply).responses;
    expect(responses.map((r) => [r.id, r.status])).toEqual([['1', 200], ['2', 429], ['3', 503], ['4', 200]]);
    expect(responses[1]?.headers['retry-after']).toBe('3');
    expect(responses[1]?.body?.error.code).toBe('ApplicationThrottled');
  });

  it('answers each request through the same handlers, with id, status, headers and body', async () => {
    const { batch, graph } = await setup();
    const reply = await batch([
      { id: '1', method: 'POST', url: '/me/events', headers: { 'Content-Type': 'application/json' }, body: event('One') },
      { id: '2', method: 'GET', url: '/me/calendar' },
      { id: '3', method: 'GET', url: '/me/events/AAMkNothing' },
      { id: '4', method: 'POST', url: '/me/events', headers: { 'Content-Type': 'application/json' }, body: { ...event('Bad'), showAs: 'away' } },
    ]);
    expect(reply.status).toBe(200);
    const responses = json<{ responses: Inner[] }>(reply).responses;
    expect(responses.map((r) => [r.id, r.status])).toEqual([['1', 201], ['2', 200], ['3', 404], ['4', 400]]);
    expect(responses[0]?.body?.subject).toBe('One');
    expect(responses[0]?.headers['content-type']).toMatch(/^application\/json/);
    expect(responses[2]?.body?.error.code).toBe('ErrorItemNotFound');
    expect(json(await graph('GET', '/me/events')).value).toHaveLength(1);
  });

  it('refuses more than 20 requests, duplicate ids, absolute URLs and unknown dependencies', async () => {
    const { batch } = await setup();
    const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me' }));
    const tooMany = await batch(many);
    expect(tooMany.status).toBe(400);
    expect(json(tooMany).error.message).toMatch(/Limit of 20 requests per batch exceeded/);
    expect((await batch(many.slice(0, 20))).status).toBe(200);
    expect((await batch([{ id: '1', method: 'GET', url: '/me' }, { id: '1', method: 'GET', url: '/me' }])).status).toBe(400);
    expect((await batch([{ id: '1', method: 'GET', url: 'https://graph.microsoft.com/v1.0/me' }])).status).toBe(400);
    expect((await batch([{ id: '1', method: 'GET', url: '/me', dependsOn: ['2'] }, { id: '2', method: 'GET', url: '/me' }])).status).toBe(400);
    expect((await batch([{ id: '1', method: 'FETCH', url: '/me' }])).status).toBe(400);
    expect((await batch([{ id: '1', method: 'POST', url: '/$batch', body: {} }])).status).toBe(400);
    expect((await batch([{ id: '1', method: 'GET', url: '/me' }], 'bad-token')).status).toBe(401);
  });

  it('runs dependsOn in order and answers 424 after a failed dependency', async () => {
    const { batch } = await setup();
    const reply = await batch([
      { id: 'a', method: 'POST', url: '/me/calendars', headers: { 'content-type': 'application/json' }, body: { name: 'Work' } },
      { id: 'b', method: 'POST', url: '/me/calendars', headers: { 'content-type': 'application/json' }, body: { name: 'Work' }, dependsOn: ['a'] },
      { id: 'c', method: 'GET', url: '/me/calendars?$select=name', dependsOn: ['b'] },
      { id: 'd', method: 'GET', url: '/me/calendars?$select=name', dependsOn: ['a'] },
    ]);
    const responses = json<{ responses: Inner[] }>(reply).responses;
    expect(responses.map((r) => [r.id, r.status])).toEqual([['a', 201], ['b', 409], ['c', 424], ['d', 200]]);
    expect(responses[3]?.body?.value.map((c: { name: string }) => c.name)).toEqual(['Calendar', 'Work']);
  });

  it('needs a Content-Type with a body', async () => {
    const { batch } = await setup();
    const responses = json<{ responses: Inner[] }>(await batch([{ id: '1', method: 'POST', url: '/me/events', body: event('x') }])).responses;
    expect(responses[0]?.status).toBe(400);
  });

  it('hands Outlook at most 4 requests of one batch at a time, but counts them against the mailbox', async () => {
    const { batch, graph } = await setup({ serviceTimeMs: 30 });
    const gets = Array.from({ length: 8 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me/events' }));
    const alone = json<{ responses: Inner[] }>(await batch(gets)).responses;
    expect(alone.every((r) => r.status === 200)).toBe(true);
    const [withOthers] = await Promise.all([batch(gets), graph('GET', '/me/events'), graph('GET', '/me/events')]);
    const throttled = json<{ responses: Inner[] }>(withOthers).responses.filter((r) => r.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled[0]?.headers['retry-after']).toBe('1');
    expect(throttled[0]?.body?.error.code).toBe('ApplicationThrottled');
  });
});
