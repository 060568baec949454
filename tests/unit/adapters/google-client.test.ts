import { describe, expect, it } from 'vitest';
import {
  decodeBatch,
  encodeBatch,
  googleBatch,
  googleError,
  googleRequest,
  type BatchRequest,
} from '../../../adapters/google/client';
import { AdapterError, type AdapterContext } from '../../../model/adapter';

const body = (code: number, reason: string, message: string) =>
  JSON.stringify({ error: { code, message, errors: [{ domain: 'global', reason, message }] } });

interface Call {
  url: string;
  init?: RequestInit;
}

function fakeContext(answer: (call: Call) => Response | Promise<Response>): { ctx: AdapterContext; calls: Call[] } {
  const calls: Call[] = [];
  const ctx: AdapterContext = {
    account: '110248495921238986420',
    url: (real) => real.replace('https://', 'https://sandbox.test/'),
    fetch: async (url, init) => {
      calls.push({ url, init });
      return answer({ url, init });
    },
  };
  return { ctx, calls };
}

describe('Google error classification', () => {
  it('retries 429 and per-user / per-project rate limits, with Retry-After', () => {
    const tooMany = googleError(429, body(429, 'rateLimitExceeded', 'Rate Limit Exceeded'), '7');
    expect(tooMany.errorClass).toBe('retry');
    expect(tooMany.details).toMatchObject({ status: 429, retryAfterMs: 7000, providerCode: 'rateLimitExceeded', providerMessage: 'Rate Limit Exceeded' });
    for (const reason of ['rateLimitExceeded', 'userRateLimitExceeded']) {
      const error = googleError(403, body(403, reason, 'slow down'), null);
      expect(error.errorClass, reason).toBe('retry');
      expect(error.details.retryAfterMs).toBeUndefined();
    }
  });

  it('reads Retry-After in its HTTP-date form too', () => {
    const now = Date.parse('2025-03-01T10:00:00Z');
    expect(googleError(503, 'down', 'Sat, 01 Mar 2025 10:00:05 GMT', now).details.retryAfterMs).toBe(5000);
  });

  it('retries server errors', () => {
    for (const status of [500, 502, 503, 504]) expect(googleError(status, '', null).errorClass).toBe('retry');
    expect(googleError(500, '<html>oops</html>', null).details.providerMessage).toBe('<html>oops</html>');
  });

  it('stops the job to reconnect on 401', () => {
    const error = googleError(401, body(401, 'authError', 'Invalid Credentials'), null);
    expect(error.errorClass).toBe('fatal');
    expect(error.details.fatalReason).toBe('reconnect');
    expect(error.message).toMatch(/Reconnect your Google account/);
  });

  it('asks to reconnect granting calendar access on insufficientPermissions', () => {
    const error = googleError(403, body(403, 'insufficientPermissions', 'Insufficient Permission'), null);
    expect(error).toMatchObject({ errorClass: 'fatal', details: { fatalReason: 'forbidden', providerCode: 'insufficientPermissions' } });
    expect(error.message).toMatch(/Reconnect your Google account and allow Ferry to see and edit your calendar events/);
    const modern = JSON.stringify({ error: { code: 403, message: 'Request had insufficient authentication scopes.', status: 'PERMISSION_DENIED', details: [{ reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT' }] } });
    expect(googleError(403, modern, null).details.fatalReason).toBe('forbidden');
  });

  it('names what was refused by the API asked: contacts, tasks, Gmail, Google Photos', () => {
    const refused = (url: string) => googleError(403, body(403, 'insufficientPermissions', 'Insufficient Permission'), null, Date.now(), url).message;
    expect(refused('https://people.googleapis.com/v1/people:batchCreateContacts')).toMatch(/access to your contacts.*see and edit your contacts/);
    expect(refused('https://tasks.googleapis.com/tasks/v1/users/@me/lists')).toMatch(/access to your tasks.*see and edit your tasks/);
    expect(refused('https://gmail.googleapis.com/gmail/v1/users/me/labels')).toMatch(/access to your Gmail/);
    expect(refused('https://photospicker.googleapis.com/v1/sessions')).toMatch(/access to Google Photos.*pick photos/);
    const tasksQuota = googleError(403, body(403, 'dailyLimitExceeded', 'Daily Limit Exceeded'), null, Date.now(), 'https://tasks.googleapis.com/tasks/v1/lists/a/tasks');
    expect(tasksQuota.message).toBe("Google Tasks' usage limit for today is used up (Daily Limit Exceeded). Resume the transfer tomorrow; nothing is lost.");
  });

  it('stops the job when the quota is used up', () => {
    for (const reason of ['quotaExceeded', 'dailyLimitExceeded']) {
      const error = googleError(403, body(403, reason, 'Calendar usage limits exceeded.'), null);
      expect(error.errorClass, reason).toBe('fatal');
      expect(error.details.fatalReason).toBe('quota-exhausted');
      expect(error.message).toContain('Calendar usage limits exceeded.');
    }
  });

  it('skips the item on 400 and 404 with Google own message', () => {
    const bad = googleError(400, body(400, 'invalid', 'Invalid start time.'), null);
    expect(bad).toMatchObject({ errorClass: 'skip', details: { status: 400, providerMessage: 'Invalid start time.', providerCode: 'invalid' } });
    expect(bad.message).toContain('Invalid start time.');
    expect(googleError(404, body(404, 'notFound', 'Not Found'), null).errorClass).toBe('skip');
  });
});

describe('googleRequest', () => {
  it('sends JSON to the rewritten URL and parses the answer', async () => {
    const { ctx, calls } = fakeContext(() => new Response('{"id":"abc"}', { status: 200 }));
    const result = await googleRequest<{ id: string }>(ctx, 'POST', 'https://www.googleapis.com/calendar/v3/calendars', { summary: 'Work' });
    expect(result).toEqual({ id: 'abc' });
    expect(calls[0]!.url).toBe('https://sandbox.test/www.googleapis.com/calendar/v3/calendars');
    expect(calls[0]!.init?.method).toBe('POST');
    expect(calls[0]!.init?.body).toBe('{"summary":"Work"}');
    expect(new Headers(calls[0]!.init?.headers).get('content-type')).toBe('application/json');
  });

  it('answers undefined for an empty body (204)', async () => {
    const { ctx } = fakeContext(() => new Response(null, { status: 204 }));
    expect(await googleRequest(ctx, 'DELETE', 'https://www.googleapis.com/calendar/v3/calendars/x/events/y')).toBeUndefined();
  });

  it('turns a malformed JSON body into a retry', async () => {
    const { ctx } = fakeContext(() => new Response('{"items": [', { status: 200 }));
    await expect(googleRequest(ctx, 'GET', 'https://www.googleapis.com/calendar/v3/users/me/calendarList')).rejects.toMatchObject({
      errorClass: 'retry',
      message: expect.stringMatching(/not JSON.*try again/),
    });
  });

  it('classifies an error answer with its Retry-After', async () => {
    const { ctx } = fakeContext(() => new Response(body(429, 'rateLimitExceeded', 'Rate Limit Exceeded'), { status: 429, headers: { 'retry-after': '3' } }));
    await expect(googleRequest(ctx, 'GET', 'https://www.googleapis.com/calendar/v3/users/me/calendarList')).rejects.toMatchObject({
      errorClass: 'retry',
      details: { retryAfterMs: 3000 },
    });
  });

  it("lets the auth layer's reconnect error through unchanged", async () => {
    const revoked = new AdapterError('Google needs you to connect again.', 'fatal', { fatalReason: 'reconnect' });
    const { ctx } = fakeContext(() => Promise.reject(revoked));
    await expect(googleRequest(ctx, 'GET', 'https://www.googleapis.com/calendar/v3/users/me/calendarList')).rejects.toBe(revoked);
  });

  it('turns a network failure into a retry', async () => {
    const { ctx } = fakeContext(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(googleRequest(ctx, 'GET', 'https://www.googleapis.com/calendar/v3/users/me/calendarList')).rejects.toMatchObject({
      errorClass: 'retry',
      message: expect.stringContaining('Failed to fetch'),
    });
  });
});

const REQUESTS: BatchRequest[] = [
  { id: '0', method: 'POST', url: 'https://www.googleapis.com/calendar/v3/calendars/primary/events/import', body: { iCalUID: 'a', summary: 'Ä' } },
  { id: '1', method: 'DELETE', url: 'https://www.googleapis.com/calendar/v3/calendars/work%40group/events/e_20250317T080000Z' },
  { id: '2', method: 'GET', url: 'https://www.googleapis.com/calendar/v3/calendars/primary/events?iCalUID=x%40y' },
];

describe('Google batch', () => {
  it('encodes one application/http part per call with path-only request lines', () => {
    const text = encodeBatch(REQUESTS, 'B');
    expect(text).toBe(
      [
        '--B',
        'Content-Type: application/http',
        'Content-ID: <0>',
        '',
        'POST /calendar/v3/calendars/primary/events/import HTTP/1.1',
        'Content-Type: application/json; charset=UTF-8',
        '',
        '{"iCalUID":"a","summary":"Ä"}',
        '--B',
        'Content-Type: application/http',
        'Content-ID: <1>',
        '',
        'DELETE /calendar/v3/calendars/work%40group/events/e_20250317T080000Z HTTP/1.1',
        '',
        '',
        '--B',
        'Content-Type: application/http',
        'Content-ID: <2>',
        '',
        'GET /calendar/v3/calendars/primary/events?iCalUID=x%40y HTTP/1.1',
        '',
        '',
        '--B--',
        '',
      ].join('\r\n'),
    );
  });

  const ANSWER = [
    '--batch_xyz',
    'Content-Type: application/http',
    'Content-ID: <response-2>',
    '',
    'HTTP/1.1 200 OK',
    'Content-Type: application/json; charset=UTF-8',
    '',
    '{"items":[]}',
    '--batch_xyz',
    'Content-Type: application/http',
    'Content-ID: <response-0>',
    '',
    'HTTP/1.1 409 Conflict',
    'Content-Type: application/json; charset=UTF-8',
    '',
    body(409, 'duplicate', 'The requested identifier already exists.'),
    '--batch_xyz',
    'Content-Type: application/http',
    'Content-ID: <response-1>',
    '',
    'HTTP/1.1 204 No Content',
    '',
    '',
    '--batch_xyz--',
    '',
  ].join('\r\n');

  it('decodes a multipart/mixed answer, whatever the order of parts', () => {
    const parts = decodeBatch('multipart/mixed; boundary=batch_xyz', ANSWER);
    expect(parts.map((p) => [p.contentId, p.status])).toEqual([['2', 200], ['0', 409], ['1', 204]]);
    expect(parts[0]!.body).toBe('{"items":[]}');
  });

  it('posts to the batch endpoint and answers in request order', async () => {
    const { ctx, calls } = fakeContext(
      () => new Response(ANSWER, { status: 200, headers: { 'content-type': 'multipart/mixed; boundary=batch_xyz' } }),
    );
    const answers = await googleBatch(ctx, REQUESTS);
    expect(calls[0]!.url).toBe('https://sandbox.test/www.googleapis.com/batch/calendar/v3');
    expect(new Headers(calls[0]!.init?.headers).get('content-type')).toMatch(/^multipart\/mixed; boundary=ferry_batch_/);
    expect(answers.map((a) => [a.id, a.ok, a.status])).toEqual([['0', false, 409], ['1', true, 204], ['2', true, 200]]);
    expect(answers[0]!.ok ? undefined : answers[0]!.error.details.providerCode).toBe('duplicate');
    expect(answers[2]!.ok ? answers[2]!.body : undefined).toEqual({ items: [] });
  });

  it('decodes LF-only answers and parts with a Retry-After', () => {
    const text = ['--b', 'Content-Type: application/http', 'Content-ID: response-7', '', 'HTTP/1.1 429 Too Many Requests', 'Retry-After: 4', '', body(429, 'rateLimitExceeded', 'slow'), '--b--'].join('\n');
    expect(decodeBatch('multipart/mixed; boundary="b"', text)).toEqual([
      { contentId: '7', status: 429, retryAfter: '4', body: body(429, 'rateLimitExceeded', 'slow') },
    ]);
  });

  it('gives a retry error for a call the answer left out, and throws when the batch itself fails', async () => {
    const partial = ['--b', 'Content-Type: application/http', 'Content-ID: <response-0>', '', 'HTTP/1.1 200 OK', '', '{"id":"a"}', '--b--'].join('\r\n');
    const { ctx } = fakeContext(() => new Response(partial, { headers: { 'content-type': 'multipart/mixed; boundary=b' } }));
    const answers = await googleBatch(ctx, REQUESTS);
    expect(answers.map((a) => a.ok)).toEqual([true, false, false]);
    expect(answers[1]!.ok ? undefined : answers[1]!.error.errorClass).toBe('retry');

    const failing = fakeContext(() => new Response(body(401, 'authError', 'Invalid Credentials'), { status: 401 }));
    await expect(googleBatch(failing.ctx, REQUESTS)).rejects.toMatchObject({ errorClass: 'fatal', details: { fatalReason: 'reconnect' } });
  });

  it('turns a malformed JSON part into a retry for that call only', async () => {
    const text = ['--b', 'Content-Type: application/http', 'Content-ID: <response-0>', '', 'HTTP/1.1 200 OK', '', '{"id":', '--b--'].join('\r\n');
    const { ctx } = fakeContext(() => new Response(text, { headers: { 'content-type': 'multipart/mixed; boundary=b' } }));
    const [answer] = await googleBatch(ctx, REQUESTS.slice(0, 1));
    expect(answer!.ok ? undefined : answer!.error.errorClass).toBe('retry');
  });
});
