import { beforeEach, describe, expect, it } from 'vitest';
import { api, makeSandbox, request, tokenFor, type GoogleSandbox } from './test-support';

let sandbox: GoogleSandbox;
let token: string;

beforeEach(async () => {
  ({ sandbox } = makeSandbox());
  token = await tokenFor(sandbox);
});

const BOUNDARY = 'batch_ferry';

function batchBody(parts: { id?: string; line: string; body?: object; headers?: string[] }[]): string {
  return (
    parts
      .map((p) =>
        [
          `--${BOUNDARY}`,
          'Content-Type: application/http',
          ...(p.id ? [`Content-ID: ${p.id}`] : []),
          '',
          p.line,
          ...(p.body ? ['Content-Type: application/json'] : []),
          ...(p.headers ?? []),
          '',
          p.body ? JSON.stringify(p.body) : '',
        ].join('\r\n'),
      )
      .join('\r\n') + `\r\n--${BOUNDARY}--\r\n`
  );
}

async function sendBatch(body: string, auth = token) {
  return sandbox.handle(
    request('POST', 'https://www.googleapis.com/batch/calendar/v3', {
      headers: { 'content-type': `multipart/mixed; boundary=${BOUNDARY}`, ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
      body,
    }),
  );
}

interface InnerReply {
  contentId?: string;
  status: number;
  json?: Record<string, any>;
}

function parseBatchReply(contentType: string, body: string): InnerReply[] {
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1] ?? '';
  return body
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const [head = '', rest = ''] = part.split(/\r\n\r\n(.*)/s);
      const contentId = /Content-ID: (.+)/.exec(head)?.[1]?.trim();
      const status = Number(/^HTTP\/1\.1 (\d+)/.exec(rest)?.[1]);
      const json = rest.includes('\r\n\r\n{') ? JSON.parse(rest.slice(rest.indexOf('\r\n\r\n') + 4)) : undefined;
      return { ...(contentId ? { contentId } : {}), status, ...(json ? { json } : {}) };
    });
}

describe('batch endpoint', () => {
  it('answers each inner call in order with its Content-ID, through the same handlers', async () => {
    const reply = await sendBatch(
      batchBody([
        { id: '<item1>', line: 'POST /calendar/v3/calendars/primary/events HTTP/1.1', body: { id: 'batch0001', summary: 'One', start: { date: '2025-01-01' }, end: { date: '2025-01-02' } } },
        { id: 'item2', line: 'POST /calendar/v3/calendars/primary/events HTTP/1.1', body: { id: 'batch0001', start: { date: '2025-01-01' }, end: { date: '2025-01-02' } } },
        { id: 'item3', line: 'GET https://www.googleapis.com/calendar/v3/calendars/primary/events/batch0001' },
        { id: 'item4', line: 'POST /calendar/v3/calendars/primary/events HTTP/1.1', body: { start: { date: '2025-01-01' } } },
        { id: 'item5', line: 'DELETE /calendar/v3/calendars/primary/events/batch0001 HTTP/1.1' },
      ]),
    );
    expect(reply.status).toBe(200);
    const contentType = reply.headers?.['content-type'] ?? '';
    expect(contentType).toMatch(/^multipart\/mixed; boundary=batch_/);
    const inner = parseBatchReply(contentType, String(reply.body));
    expect(inner.map((r) => [r.contentId, r.status])).toEqual([
      ['<response-item1>', 200],
      ['response-item2', 409],
      ['response-item3', 200],
      ['response-item4', 400],
      ['response-item5', 204],
    ]);
    expect(inner[0]?.json).toMatchObject({ id: 'batch0001', summary: 'One' });
    expect(inner[1]?.json?.error.errors[0].reason).toBe('duplicate');
    expect(inner[3]?.json?.error.message).toBe('Missing end time.');
    expect((await api(sandbox, token, 'GET', '/calendars/primary/events/batch0001')).body.status).toBe('cancelled');
  });

  it('uses the outer Authorization; without it every inner call is 401', async () => {
    const reply = await sendBatch(batchBody([{ id: 'a', line: 'GET /calendar/v3/users/me/calendarList HTTP/1.1' }]), '');
    expect(parseBatchReply(reply.headers?.['content-type'] ?? '', String(reply.body)).map((r) => r.status)).toEqual([401]);
  });

  it('takes up to 1000 calls and refuses more', async () => {
    const call = { line: 'GET /calendar/v3/calendars/primary HTTP/1.1' };
    const ok = await sendBatch(batchBody(Array.from({ length: 1000 }, () => call)));
    expect(ok.status).toBe(200);
    expect(parseBatchReply(ok.headers?.['content-type'] ?? '', String(ok.body))).toHaveLength(1000);
    const tooMany = await sendBatch(batchBody(Array.from({ length: 1001 }, () => call)));
    expect(tooMany.status).toBe(400);
    expect((tooMany.body as { error: { message: string } }).error.message).toBe('A batch request can contain at most 1000 calls; this one has 1001.');
  });

  it('refuses a body that is not multipart/mixed', async () => {
    const reply = await sandbox.handle(request('POST', 'https://www.googleapis.com/batch/calendar/v3', { token, body: { not: 'multipart' } }));
    expect(reply.status).toBe(400);
  });
});

describe('rate limits', () => {
  it('a burst past the bucket gets 429 rateLimitExceeded; the bucket refills with time', async () => {
    let now = Date.parse('2025-01-01T00:00:00Z');
    const { sandbox: s } = makeSandbox({ rateLimit: { perSecond: 10, burst: 20, perMinute: 600 }, now: () => now });
    const t = await tokenFor(s);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i += 1) statuses.push((await api(s, t, 'GET', '/calendars/primary')).status);
    expect(statuses.slice(0, 20).every((x) => x === 200)).toBe(true);
    const limited = await api(s, t, 'GET', '/calendars/primary');
    expect(limited).toMatchObject({
      status: 429,
      body: { error: { code: 429, message: 'Rate Limit Exceeded', errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' }], status: 'RESOURCE_EXHAUSTED' } },
    });
    now += 500;
    const after = [];
    for (let i = 0; i < 6; i += 1) after.push((await api(s, t, 'GET', '/calendars/primary')).status);
    expect(after).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('a client that keeps sending past the per-minute quota gets 403 userRateLimitExceeded', async () => {
    let now = Date.parse('2025-01-01T00:00:00Z');
    const { sandbox: s } = makeSandbox({ rateLimit: { perSecond: 10, burst: 20, perMinute: 30 }, now: () => now });
    const t = await tokenFor(s);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i += 1) statuses.push((await api(s, t, 'GET', '/calendars/primary')).status);
    expect(statuses.filter((x) => x === 429)).toHaveLength(10);
    const last = await api(s, t, 'GET', '/calendars/primary');
    expect(last.status).toBe(403);
    expect(last.body.error).toMatchObject({ code: 403, errors: [{ domain: 'usageLimits', reason: 'userRateLimitExceeded', message: 'User Rate Limit Exceeded' }], status: 'PERMISSION_DENIED' });
    now += 61_000;
    expect((await api(s, t, 'GET', '/calendars/primary')).status).toBe(200);
  });

  it('counts every inner call of a batch', async () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    const { sandbox: s } = makeSandbox({ rateLimit: { perSecond: 10, burst: 3, perMinute: 600 }, now: () => now });
    const t = await tokenFor(s);
    const reply = await s.handle(
      request('POST', 'https://www.googleapis.com/batch/calendar/v3', {
        headers: { 'content-type': `multipart/mixed; boundary=${BOUNDARY}`, authorization: `Bearer ${t}` },
        body: batchBody(Array.from({ length: 5 }, () => ({ line: 'GET /calendar/v3/calendars/primary HTTP/1.1' }))),
      }),
    );
    expect(parseBatchReply(reply.headers?.['content-type'] ?? '', String(reply.body)).map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
  });

  it('injected faults get Google\'s error shape', () => {
    const { sandbox: s } = makeSandbox();
    expect(s.errorReply(503, 'serviceUnavailable', 'Injected fault: HTTP 503.', { 'retry-after': '2' })).toEqual({
      status: 503,
      headers: { 'retry-after': '2' },
      body: { error: { code: 503, message: 'Injected fault: HTTP 503.', errors: [{ domain: 'global', reason: 'serviceUnavailable', message: 'Injected fault: HTTP 503.' }], status: 'UNAVAILABLE' } },
    });
    expect(s.errorReply(429, 'rateLimitExceeded', 'Rate Limit Exceeded')).toMatchObject({ status: 429, body: { error: { errors: [{ domain: 'usageLimits' }] } } });
    expect(s.errorReply(401, 'authError', 'x').headers?.['www-authenticate']).toMatch(/^Bearer realm=/);
  });
});
