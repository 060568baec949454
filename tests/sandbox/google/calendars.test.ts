import { beforeEach, describe, expect, it } from 'vitest';
import { API, api, makeSandbox, request, tokenFor, type GoogleSandbox } from './test-support';

let sandbox: GoogleSandbox;
let token: string;

beforeEach(async () => {
  ({ sandbox } = makeSandbox());
  token = await tokenFor(sandbox);
});

describe('calendarList and calendars', () => {
  it('a new account lists its primary calendar', async () => {
    const { status, body } = await api(sandbox, token, 'GET', '/users/me/calendarList');
    expect(status).toBe(200);
    expect(body.kind).toBe('calendar#calendarList');
    expect(body.etag).toMatch(/^"\d+"$/);
    expect(body.nextSyncToken).toEqual(expect.any(String));
    expect(body.nextPageToken).toBeUndefined();
    expect(body.items).toEqual([
      {
        kind: 'calendar#calendarListEntry',
        etag: expect.stringMatching(/^"\d+"$/),
        id: 'alice@example.com',
        summary: 'alice@example.com',
        timeZone: 'Europe/Berlin',
        colorId: '14',
        backgroundColor: '#9fe1e7',
        foregroundColor: '#000000',
        selected: true,
        accessRole: 'owner',
        defaultReminders: [{ method: 'popup', minutes: 10 }],
        notificationSettings: expect.objectContaining({ notifications: expect.any(Array) }),
        primary: true,
        conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
      },
    ]);
  });

  it('calendars.insert creates a secondary calendar that calendarList, calendars.get and calendarList.get show', async () => {
    const created = await api(sandbox, token, 'POST', '/calendars', { summary: 'Work', description: 'Job things', timeZone: 'America/New_York' });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      kind: 'calendar#calendar',
      etag: expect.stringMatching(/^"\d+"$/),
      id: expect.stringMatching(/^c_[a-v0-9]{26}@group\.calendar\.google\.com$/),
      summary: 'Work',
      description: 'Job things',
      timeZone: 'America/New_York',
      conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
    });
    const id = encodeURIComponent(created.body.id);
    expect((await api(sandbox, token, 'GET', `/calendars/${id}`)).body).toEqual(created.body);
    const entry = await api(sandbox, token, 'GET', `/users/me/calendarList/${id}`);
    expect(entry.body).toMatchObject({ id: created.body.id, summary: 'Work', accessRole: 'owner', timeZone: 'America/New_York', defaultReminders: [] });
    expect(entry.body.primary).toBeUndefined();
    const list = await api(sandbox, token, 'GET', '/users/me/calendarList');
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual(['alice@example.com', created.body.id]);
  });

  it('calendars.get accepts "primary" and an encoded id; an unknown id is 404 in Google\'s shape', async () => {
    expect((await api(sandbox, token, 'GET', '/calendars/primary')).body.id).toBe('alice@example.com');
    expect((await api(sandbox, token, 'GET', '/calendars/alice%40example.com')).body.id).toBe('alice@example.com');
    const missing = await api(sandbox, token, 'GET', '/calendars/nobody%40example.com');
    expect(missing).toMatchObject({
      status: 404,
      body: { error: { code: 404, message: 'Not Found', errors: [{ domain: 'global', reason: 'notFound', message: 'Not Found' }], status: 'NOT_FOUND' } },
    });
  });

  it('calendars.insert requires a summary and a known time zone, and refuses unknown fields', async () => {
    const noSummary = await api(sandbox, token, 'POST', '/calendars', { description: 'x' });
    expect(noSummary.status).toBe(400);
    expect(noSummary.body.error.errors[0]).toEqual({ domain: 'global', reason: 'required', message: 'Missing title.' });
    expect(noSummary.body.error.status).toBe('INVALID_ARGUMENT');
    expect((await api(sandbox, token, 'POST', '/calendars', { summary: 'x', timeZone: 'Mars/Olympus' })).status).toBe(400);
    const unknown = await api(sandbox, token, 'POST', '/calendars', { summary: 'x', colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe('Invalid JSON payload received. Unknown name "colour" at \'resource\': Cannot find field.');
    const wrongType = await api(sandbox, token, 'POST', '/calendars', { summary: 42 });
    expect(wrongType.body.error.message).toBe("Invalid value at 'resource.summary' (TYPE_STRING), 42");
  });

  it('calendarList.list pages with maxResults and pageToken', async () => {
    for (const name of ['A', 'B', 'C', 'D']) await api(sandbox, token, 'POST', '/calendars', { summary: name });
    const seen: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const { body } = await api(sandbox, token, 'GET', `/users/me/calendarList?maxResults=2${pageToken ? `&pageToken=${pageToken}` : ''}`);
      seen.push(...body.items.map((c: { summary: string }) => c.summary));
      pageToken = body.nextPageToken;
      if (!pageToken) expect(body.nextSyncToken).toEqual(expect.any(String));
      pages += 1;
    } while (pageToken);
    expect(pages).toBe(3);
    expect(seen).toEqual(['alice@example.com', 'A', 'B', 'C', 'D']);
  });

  it('calendarList.list checks minAccessRole and refuses unknown parameters', async () => {
    expect((await api(sandbox, token, 'GET', '/users/me/calendarList?minAccessRole=owner')).body.items).toHaveLength(1);
    expect((await api(sandbox, token, 'GET', '/users/me/calendarList?minAccessRole=boss')).status).toBe(400);
    const unknown = await api(sandbox, token, 'GET', '/users/me/calendarList?color=red');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe(
      'Invalid JSON payload received. Unknown name "color": Cannot bind query parameter. Field \'color\' could not be found in request message.',
    );
    expect((await api(sandbox, token, 'GET', '/users/me/calendarList?maxResults=0')).status).toBe(400);
    expect((await api(sandbox, token, 'GET', '/users/me/calendarList?showHidden=yes')).status).toBe(400);
  });

  it('calendars.delete removes a secondary calendar and refuses the primary', async () => {
    const { body } = await api(sandbox, token, 'POST', '/calendars', { summary: 'Temp' });
    expect((await api(sandbox, token, 'DELETE', `/calendars/${encodeURIComponent(body.id)}`)).status).toBe(204);
    expect((await api(sandbox, token, 'GET', `/calendars/${encodeURIComponent(body.id)}`)).status).toBe(404);
    expect((await api(sandbox, token, 'DELETE', '/calendars/primary')).status).toBe(400);
  });
});

describe('authentication and scopes', () => {
  it('answers a missing or unknown token with 401 authError and WWW-Authenticate', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-a-token' }] as Record<string, string>[]) {
      const reply = await sandbox.handle(request('GET', `${API}/users/me/calendarList`, { headers }));
      expect(reply.status).toBe(401);
      expect(reply.headers?.['www-authenticate']).toBe('Bearer realm="https://accounts.google.com/", error="invalid_token"');
      expect(reply.body).toEqual({
        error: {
          code: 401,
          message: expect.stringMatching(/^Request had invalid authentication credentials\. Expected OAuth 2 access token/),
          errors: [{ message: 'Invalid Credentials', domain: 'global', reason: 'authError', location: 'Authorization', locationType: 'header' }],
          status: 'UNAUTHENTICATED',
        },
      });
    }
  });

  it('answers an expired token with 401', async () => {
    const { sandbox: s, tokens } = makeSandbox();
    const t = await tokenFor(s);
    tokens.expireAll('google');
    expect((await api(s, t, 'GET', '/users/me/calendarList')).status).toBe(401);
  });

  it('accepts the token as oauth_token query parameter too', async () => {
    expect((await sandbox.handle(request('GET', `${API}/users/me/calendarList?oauth_token=${token}`))).status).toBe(200);
  });

  it('refuses a method its scopes do not cover with 403 insufficientPermissions', async () => {
    const readOnly = await tokenFor(sandbox, ['https://www.googleapis.com/auth/calendar.events.readonly']);
    expect((await api(sandbox, readOnly, 'GET', '/calendars/primary/events')).status).toBe(200);
    const write = await api(sandbox, readOnly, 'POST', '/calendars/primary/events', { start: { date: '2025-01-01' }, end: { date: '2025-01-02' } });
    expect(write.status).toBe(403);
    expect(write.body).toEqual({
      error: {
        code: 403,
        message: 'Request had insufficient authentication scopes.',
        errors: [{ message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' }],
        status: 'PERMISSION_DENIED',
      },
    });
    expect((await api(sandbox, readOnly, 'GET', '/users/me/calendarList')).status).toBe(403);
  });

  it('calendar.app.created reaches only calendars the app created', async () => {
    const appOnly = await tokenFor(sandbox, ['https://www.googleapis.com/auth/calendar.app.created']);
    const created = await api(sandbox, appOnly, 'POST', '/calendars', { summary: 'Ferry import' });
    expect(created.status).toBe(200);
    expect((await api(sandbox, appOnly, 'GET', `/calendars/${encodeURIComponent(created.body.id)}/events`)).status).toBe(200);
    expect((await api(sandbox, appOnly, 'GET', '/calendars/primary/events')).status).toBe(404);
  });
});
