import { describe, expect, it } from 'vitest';
import {
  graphBatch,
  graphError,
  graphNextPage,
  graphRequest,
  graphSlots,
  odataString,
  query,
  type BatchRequest,
} from '../../../adapters/microsoft/client';
import { AdapterError, type AdapterContext } from '../../../model/adapter';

const body = (code: string, message: string) => JSON.stringify({ error: { code, message, innerError: { date: '2025-01-01T00:00:00', 'request-id': 'r1' } } });

interface Call {
  url: string;
  init?: RequestInit;
}

function fakeContext(answer: (call: Call) => Response | Promise<Response>): { ctx: AdapterContext; calls: Call[] } {
  const calls: Call[] = [];
  const ctx: AdapterContext = {
    account: '9a3c2f1e-5b7d-4e8a-9c0f-1d2e3f4a5b6c',
    url: (real) => real.replace('https://', 'https://sandbox.test/'),
    fetch: async (url, init) => {
      calls.push({ url, init });
      return answer({ url, init });
    },
  };
  return { ctx, calls };
}

const json = (value: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('Graph error classification', () => {
  it('retries 429, 503 and 504 with Retry-After in seconds or as a date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    const tooMany = graphError(429, body('TooManyRequests', 'Application is over its MailboxConcurrency limit.'), '7', now);
    expect(tooMany.errorClass).toBe('retry');
    expect(tooMany.details).toMatchObject({ status: 429, retryAfterMs: 7000, providerCode: 'TooManyRequests', providerMessage: 'Application is over its MailboxConcurrency limit.' });
    expect(tooMany.message).toContain('MailboxConcurrency');
    const unavailable = graphError(503, body('ServiceUnavailable', 'Service Unavailable'), 'Wed, 01 Jan 2025 00:00:30 GMT', now);
    expect([unavailable.errorClass, unavailable.details.retryAfterMs]).toEqual(['retry', 30_000]);
    expect(graphError(504, body('UnknownError', ''), undefined, now).errorClass).toBe('retry');
    expect(graphError(500, 'plain text failure').errorClass).toBe('retry');
  });

  it('stops the job for an expired grant, asking to reconnect', () => {
    const error = graphError(401, body('InvalidAuthenticationToken', 'Access token has expired or is not yet valid.'));
    expect(error.errorClass).toBe('fatal');
    expect(error.details.fatalReason).toBe('reconnect');
    expect(error.message).toMatch(/Reconnect your Microsoft account/);
    expect(error.message).toContain('Access token has expired');
  });

  it('stops the job when calendar access was not granted', () => {
    const error = graphError(403, body('ErrorAccessDenied', 'Access is denied. Check credentials and try again.'));
    expect(error.errorClass).toBe('fatal');
    expect(error.details).toMatchObject({ fatalReason: 'forbidden', providerCode: 'ErrorAccessDenied' });
    expect(error.message).toMatch(/not given access to your calendars.*Reconnect/);
  });

  it('names what was refused by the part of Graph asked: contacts, mail, To Do, OneDrive', () => {
    const refused = (url: string) => graphError(403, body('ErrorAccessDenied', 'Access is denied.'), null, Date.now(), url).message;
    expect(refused('https://graph.microsoft.com/v1.0/me/contacts')).toMatch(/not given access to your contacts.*read and write your contacts/);
    expect(refused('https://graph.microsoft.com/v1.0/me/mailFolders/inbox/messages')).toMatch(/not given access to your mail/);
    expect(refused('/me/todo/lists/a/tasks')).toMatch(/not given access to your To Do tasks.*read and write your tasks/);
    expect(refused('https://127.0.0.1:47443/graph.microsoft.com/v1.0/me/drive/special/photos')).toMatch(/not given access to your OneDrive/);
    const full = graphError(507, body('quotaLimitReached', 'Insufficient space.'), null, Date.now(), 'https://graph.microsoft.com/v1.0/me/drive/items/x:/a.jpg:/createUploadSession');
    expect(full.details.fatalReason).toBe('storage-full');
    expect(full.message).toMatch(/^Your OneDrive is full \(Insufficient space.\)\. Free up space in OneDrive, then resume/);
    expect(graphError(403, body('quotaLimitReached', 'Quota reached.')).details.fatalReason).toBe('storage-full');
  });

  it('stops the job when the mailbox is full (507, ErrorQuotaExceeded, or as inner code)', () => {
    for (const error of [
      graphError(507, body('ErrorMailboxFull', 'Insufficient storage.')),
      graphError(413, body('ErrorQuotaExceeded', 'The mailbox quota was exceeded.')),
      graphError(500, JSON.stringify({ error: { code: 'ErrorInternalServerError', message: 'Cannot save changes.', innerError: { code: 'ErrorQuotaExceeded' } } })),
    ]) {
      expect(error.errorClass).toBe('fatal');
      expect(error.details.fatalReason).toBe('storage-full');
      expect(error.message).toMatch(/^Your Outlook mailbox is full/);
    }
  });

  it('skips an item Graph refuses (400/404), with Graph own message', () => {
    const bad = graphError(400, body('ErrorInvalidRequest', "Your request can't be completed. The recurrence is invalid."));
    expect(bad.errorClass).toBe('skip');
    expect(bad.message).toBe("Microsoft refused this: Your request can't be completed. The recurrence is invalid.");
    expect(bad.details.providerCode).toBe('ErrorInvalidRequest');
    const missing = graphError(404, body('ErrorItemNotFound', 'The specified object was not found in the store.'));
    expect([missing.errorClass, missing.details.providerMessage]).toEqual(['skip', 'The specified object was not found in the store.']);
  });
});

describe('graphRequest', () => {
  it('calls the rewritten URL with JSON, UTC times asked for, and parses the answer', async () => {
    const { ctx, calls } = fakeContext(() => json({ id: 'me' }));
    const answer = await graphRequest<{ id: string }>(ctx, 'POST', 'https://graph.microsoft.com/v1.0/me/calendars', { name: 'Work' });
    expect(answer).toEqual({ id: 'me' });
    expect(calls[0]!.url).toBe('https://sandbox.test/graph.microsoft.com/v1.0/me/calendars');
    const headers = calls[0]!.init!.headers as Record<string, string>;
    expect(headers.prefer).toBe('outlook.timezone="UTC", outlook.body-content-type="text"');
    expect(headers['content-type']).toBe('application/json');
    expect(calls[0]!.init!.body).toBe('{"name":"Work"}');
  });

  it('throws the classified error of a failed answer', async () => {
    const { ctx } = fakeContext(() => new Response(body('ErrorAccessDenied', 'Access is denied.'), { status: 403 }));
    await expect(graphRequest(ctx, 'GET', 'https://graph.microsoft.com/v1.0/me/calendars')).rejects.toMatchObject({
      errorClass: 'fatal',
      details: { fatalReason: 'forbidden' },
    });
  });

  it('turns malformed JSON into a retry with a clear message', async () => {
    const { ctx } = fakeContext(() => new Response('<html>Bad gateway</html>', { status: 200 }));
    const error = await graphRequest(ctx, 'GET', 'https://graph.microsoft.com/v1.0/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterError);
    expect((error as AdapterError).errorClass).toBe('retry');
    expect((error as AdapterError).message).toMatch(/not JSON.*<html>Bad gateway/);
  });

  it("lets the auth layer's reconnect error through unchanged", async () => {
    const revoked = new AdapterError('Microsoft needs you to connect again.', 'fatal', { fatalReason: 'reconnect' });
    const { ctx } = fakeContext(() => Promise.reject(revoked));
    await expect(graphRequest(ctx, 'GET', 'https://graph.microsoft.com/v1.0/me')).rejects.toBe(revoked);
  });

  it('turns a network failure into a retry, and lets an abort through', async () => {
    const { ctx } = fakeContext(() => {
      throw new TypeError('fetch failed');
    });
    await expect(graphRequest(ctx, 'GET', 'https://graph.microsoft.com/v1.0/me')).rejects.toMatchObject({ errorClass: 'retry', message: expect.stringContaining('fetch failed') });
    const aborted = fakeContext(() => {
      throw new DOMException('The operation was aborted.', 'AbortError');
    });
    await expect(graphRequest(aborted.ctx, 'GET', 'https://graph.microsoft.com/v1.0/me')).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('follows an @odata.nextLink as the server gave it', async () => {
    const { ctx, calls } = fakeContext(() => json({ value: [] }));
    await graphNextPage(ctx, 'https://127.0.0.1:47443/graph.microsoft.com/v1.0/me/events?$skiptoken=abc');
    expect(calls[0]!.url).toBe('https://127.0.0.1:47443/graph.microsoft.com/v1.0/me/events?$skiptoken=abc');
  });

  it('writes query strings and OData literals', () => {
    expect(query({ $top: 100, $filter: "name eq 'A&B'", skip: undefined })).toBe("?$top=100&$filter=name%20eq%20'A%26B'");
    expect(odataString("O'Brien")).toBe("'O''Brien'");
  });
});

describe('graphBatch', () => {
  const requests = (n: number): BatchRequest[] =>
    Array.from({ length: n }, (_, i) => ({ id: String(i), method: 'POST', url: `https://graph.microsoft.com/v1.0/me/calendars/c1/events?x=${i}`, body: { subject: `E${i}` } }));

  it('sends at most 20 requests per $batch, relative to the version root, and answers in order', async () => {
    const { ctx, calls } = fakeContext(({ init }) => {
      const sent = JSON.parse(String(init!.body)) as { requests: { id: string }[] };
      // Graph answers in any order.
      return json({ responses: [...sent.requests].reverse().map((r) => ({ id: r.id, status: 201, body: { id: `evt-${r.id}` } })) });
    });
    const answers = await graphBatch(ctx, requests(25));
    expect(calls).toHaveLength(2);
    expect(calls[0]!.url).toBe('https://sandbox.test/graph.microsoft.com/v1.0/$batch');
    const first = JSON.parse(String(calls[0]!.init!.body)) as { requests: Record<string, unknown>[] };
    expect(first.requests).toHaveLength(20);
    expect(first.requests[3]).toEqual({
      id: '3',
      method: 'POST',
      url: '/me/calendars/c1/events?x=3',
      headers: { prefer: 'outlook.timezone="UTC", outlook.body-content-type="text"', 'content-type': 'application/json' },
      body: { subject: 'E3' },
    });
    expect(JSON.parse(String(calls[1]!.init!.body)).requests).toHaveLength(5);
    expect(answers.map((a) => (a.ok ? (a.body as { id: string }).id : 'error'))).toEqual(Array.from({ length: 25 }, (_, i) => `evt-${i}`));
  });

  it('decodes each response: its own Retry-After on a 429, Graph errors, missing replies', async () => {
    const { ctx } = fakeContext(() =>
      json({
        responses: [
          { id: '0', status: 201, body: { id: 'made' } },
          { id: '1', status: 429, headers: { 'Retry-After': '9' }, body: JSON.parse(body('ApplicationThrottled', 'Too many requests.')) },
          { id: '2', status: 400, body: JSON.parse(body('ErrorInvalidRequest', 'Bad event.')) },
          { id: '3', status: 507, body: JSON.parse(body('ErrorQuotaExceeded', 'Full.')) },
        ],
      }),
    );
    const [made, throttled, refused, full, missing] = await graphBatch(ctx, requests(5));
    expect(made).toEqual({ id: '0', ok: true, status: 201, body: { id: 'made' } });
    expect(throttled).toMatchObject({ ok: false, status: 429, error: { errorClass: 'retry', details: { retryAfterMs: 9000 } } });
    expect(refused).toMatchObject({ ok: false, status: 400, error: { errorClass: 'skip', message: 'Microsoft refused this: Bad event.' } });
    expect(full).toMatchObject({ ok: false, error: { errorClass: 'fatal', details: { fatalReason: 'storage-full' } } });
    expect(missing).toMatchObject({ ok: false, status: 0, error: { errorClass: 'retry' } });
  });

  it('throws when the $batch call itself fails or answers nonsense', async () => {
    const throttled = fakeContext(() => new Response(body('TooManyRequests', 'Slow down.'), { status: 429, headers: { 'retry-after': '3' } }));
    await expect(graphBatch(throttled.ctx, requests(1))).rejects.toMatchObject({ errorClass: 'retry', details: { retryAfterMs: 3000 } });
    const odd = fakeContext(() => json({ value: [] }));
    await expect(graphBatch(odd.ctx, requests(1))).rejects.toMatchObject({ errorClass: 'retry', message: expect.stringContaining('responses') });
  });

  it('sends nothing for no requests', async () => {
    const { ctx, calls } = fakeContext(() => json({ responses: [] }));
    expect(await graphBatch(ctx, [])).toEqual([]);
    expect(calls).toHaveLength(0);
  });

  it('sends a body that is not JSON in base64 with its Content-Type, reads its base64 answer, and cuts calls at 4 MB', async () => {
    const { ctx, calls } = fakeContext(({ init }) => {
      const sent = JSON.parse(String(init!.body)) as { requests: { id: string }[] };
      return json({ responses: sent.requests.map((r) => ({ id: r.id, status: 201, body: Buffer.from(JSON.stringify({ id: `m${r.id}` })).toString('base64') })) });
    });
    const mime = (n: number) => Buffer.from('x'.repeat(n)).toString('base64');
    const post = (id: string, n: number): BatchRequest => ({ id, method: 'POST', url: 'https://graph.microsoft.com/v1.0/me/mailFolders/f/messages', contentType: 'text/plain', body: mime(n) });
    const answers = await graphBatch(ctx, [post('0', 10), post('1', 1_500_000), post('2', 1_500_000)]);
    expect(answers.map((a) => (a.ok ? a.body : a.error.message))).toEqual([{ id: 'm0' }, { id: 'm1' }, { id: 'm2' }]);
    expect(calls.map((c) => JSON.parse(String(c.init!.body)).requests.length)).toEqual([2, 1]);
    const first = JSON.parse(String(calls[0]!.init!.body)).requests[0];
    expect(first.headers['content-type']).toBe('text/plain');
    expect(Buffer.from(first.body, 'base64').toString()).toBe(mime(10));
    for (const call of calls) expect(String(call.init!.body).length).toBeLessThan(4_000_000);
  });

  it('in order: chains the requests; behind a refusal they go again, behind throttling they share its Retry-After', async () => {
    const sent: { id: string; dependsOn?: string[] }[][] = [];
    const { ctx } = fakeContext(({ init }) => {
      const batch = (JSON.parse(String(init!.body)) as { requests: { id: string; dependsOn?: string[] }[] }).requests;
      sent.push(batch);
      const fail = sent.length === 1 ? { at: 1, status: 400, code: 'ErrorInvalidRequest' } : { at: 2, status: 429, code: 'ApplicationThrottled' };
      return json({
        responses: batch.map((r, i) =>
          i < fail.at
            ? { id: r.id, status: 201, body: { id: `m${r.id}` } }
            : i === fail.at
              ? { id: r.id, status: fail.status, headers: { 'retry-after': '4' }, body: JSON.parse(body(fail.code, 'No.')) }
              : { id: r.id, status: 424, body: JSON.parse(body('FailedDependency', 'Depends on a failed request.')) },
        ),
      });
    });
    const answers = await graphBatch(ctx, requests(6), { inOrder: true });
    expect(sent[0]!.map((r) => r.dependsOn)).toEqual([undefined, ['0'], ['1'], ['2'], ['3'], ['4']]);
    expect(sent[1]!.map((r) => r.id)).toEqual(['2', '3', '4', '5']);
    expect(sent).toHaveLength(2);
    expect(answers.map((a) => [a.id, a.status])).toEqual([['0', 201], ['1', 400], ['2', 201], ['3', 201], ['4', 429], ['5', 429]]);
    expect(answers[5]).toMatchObject({ ok: false, error: { errorClass: 'retry', details: { retryAfterMs: 4000 } } });
  });

  it('counts the mailbox slots a call holds: one, four for a batch Graph runs four of at once, one for a chain', () => {
    const url = 'https://sandbox.test/graph.microsoft.com/v1.0/$batch';
    const batchOf = (n: number, chained: boolean) =>
      JSON.stringify({ requests: Array.from({ length: n }, (_, i) => ({ id: String(i), method: 'GET', url: '/me', ...(chained && i > 0 && { dependsOn: [String(i - 1)] }) })) });
    expect(graphSlots({ method: 'GET', url: 'https://sandbox.test/graph.microsoft.com/v1.0/me' })).toBe(1);
    expect(graphSlots({ method: 'POST', url, body: batchOf(20, false) })).toBe(4);
    expect(graphSlots({ method: 'POST', url, body: batchOf(2, false) })).toBe(2);
    expect(graphSlots({ method: 'POST', url, body: batchOf(20, true) })).toBe(1);
  });
});
