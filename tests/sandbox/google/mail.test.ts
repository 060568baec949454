/**
 * The Gmail sandbox: the upload protocols of messages.import (multipart, resumable with 308/Range, status
 * query, 256 KiB granularity), labels, rfc822msgid search, raw bytes, scopes, and the per-user quota units.
 */
import { describe, expect, it } from 'vitest';
import { createGmailSandbox } from './mail/index';
import { makeSandbox, request } from './test-support';
import type { SandboxReply } from '../core/types';

const G = 'https://www.googleapis.com/auth/gmail';
const HOST = 'https://gmail.googleapis.com';
const UPLOAD = `${HOST}/upload/gmail/v1/users/me/messages/import`;
const MESSAGE = Buffer.from('From: bob@example.org\r\nTo: alice@example.com\r\nSubject: Hello\r\nDate: Tue, 4 Jun 2024 10:00:00 +0200\r\nMessage-ID: <m1@example.org>\r\n\r\nHi Alice\r\n');

function setup(quota: { unitsPerSecond: number; burstUnits: number } | null = null, scopes = [`${G}.readonly`, `${G}.insert`, `${G}.labels`]) {
  const { ctx, tokens } = makeSandbox();
  let now = 1_700_000_000_000;
  const gmail = createGmailSandbox({ ctx, now: () => now }, { quota });
  const { accessToken } = tokens.issue({ provider: 'google', clientId: 'c', account: 'alice@example.com', scopes }, { expiresInSec: 3600, refresh: false });
  const call = async (method: string, url: string, opts: { body?: string | object | Buffer; headers?: Record<string, string> } = {}): Promise<SandboxReply> => {
    const { body, ...rest } = opts;
    const req = request(method, url, { token: accessToken, ...rest, ...(body !== undefined && !Buffer.isBuffer(body) ? { body } : {}) });
    if (Buffer.isBuffer(body)) req.body = async () => body;
    return (await gmail.handle(req))!;
  };
  return { gmail, call, tick: (ms: number) => (now += ms) };
}

async function text(reply: SandboxReply): Promise<string> {
  const body = reply.body as unknown;
  if (body && typeof body === 'object' && Symbol.asyncIterator in body) {
    const parts: Buffer[] = [];
    for await (const piece of body as AsyncIterable<Buffer>) parts.push(piece);
    return Buffer.concat(parts).toString();
  }
  return typeof body === 'string' ? body : JSON.stringify(body);
}

describe('Gmail sandbox', () => {
  it('imports through a multipart upload with labels, dated by the Date header, and gives the bytes back as raw', async () => {
    const { call } = setup();
    const boundary = 'b0undary';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n{"labelIds":["INBOX","UNREAD"]}\r\n--${boundary}\r\nContent-Type: message/rfc822\r\n\r\n`),
      MESSAGE,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const made = await call('POST', `${UPLOAD}?uploadType=multipart&internalDateSource=dateHeader`, { body, headers: { 'content-type': `multipart/related; boundary=${boundary}` } });
    expect(made.status).toBe(200);
    const id = (made.body as { id: string }).id;
    expect((made.body as { labelIds: string[] }).labelIds).toEqual(['INBOX', 'UNREAD']);
    const minimal = await call('GET', `${HOST}/gmail/v1/users/me/messages/${id}?format=minimal`);
    expect(minimal.body).toMatchObject({ id, labelIds: ['INBOX', 'UNREAD'], internalDate: String(Date.parse('2024-06-04T08:00:00Z')), sizeEstimate: MESSAGE.length });
    const raw = JSON.parse(await text(await call('GET', `${HOST}/gmail/v1/users/me/messages/${id}?format=raw`))) as { raw: string };
    expect(Buffer.from(raw.raw, 'base64url')).toEqual(MESSAGE);
    const found = await call('GET', `${HOST}/gmail/v1/users/me/messages?q=${encodeURIComponent('rfc822msgid:m1@example.org')}`);
    expect(found.body).toEqual({ messages: [{ id, threadId: id }], resultSizeEstimate: 1 });
  });

  it('runs a resumable upload: 308 with Range per chunk, status query, refusal of chunks off the 256 KiB grid', async () => {
    const { call } = setup();
    const big = Buffer.concat([MESSAGE, Buffer.alloc(600 * 1024, 'a')]);
    const start = await call('POST', `${UPLOAD}?uploadType=resumable`, { body: { labelIds: ['INBOX'] }, headers: { 'x-upload-content-type': 'message/rfc822' } });
    expect(start.status).toBe(200);
    const session = start.headers!.location!.replace('https://127.0.0.1:47443/gmail.googleapis.com', HOST);
    const odd = await call('PUT', session, { body: big.subarray(0, 1000), headers: { 'content-range': `bytes 0-999/*` } });
    expect(odd.status).toBe(400);
    const first = await call('PUT', session, { body: big.subarray(0, 256 * 1024), headers: { 'content-range': `bytes 0-${256 * 1024 - 1}/*` } });
    expect(first.status).toBe(308);
    expect(first.headers?.range).toBe(`bytes=0-${256 * 1024 - 1}`);
    const status = await call('PUT', session, { body: Buffer.alloc(0), headers: { 'content-range': 'bytes */*' } });
    expect(status.status).toBe(308);
    expect(status.headers?.range).toBe(`bytes=0-${256 * 1024 - 1}`);
    const last = await call('PUT', session, { body: big.subarray(256 * 1024), headers: { 'content-range': `bytes ${256 * 1024}-${big.length - 1}/${big.length}` } });
    expect(last.status).toBe(200);
    const id = (last.body as { id: string }).id;
    const raw = JSON.parse(await text(await call('GET', `${HOST}/gmail/v1/users/me/messages/${id}?format=raw`))) as { raw: string };
    expect(Buffer.from(raw.raw, 'base64url').equals(big)).toBe(true);
  });

  it('refuses unknown labels, reserved label names and a second label of the same name', async () => {
    const { call } = setup();
    const bad = await call('POST', `${HOST}/gmail/v1/users/me/messages/import`, { body: { raw: MESSAGE.toString('base64url'), labelIds: ['Work'] } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('Invalid label: Work');
    expect((await call('POST', `${HOST}/gmail/v1/users/me/labels`, { body: { name: 'Inbox' } })).status).toBe(400);
    expect((await call('POST', `${HOST}/gmail/v1/users/me/labels`, { body: { name: 'Work' } })).status).toBe(200);
    expect((await call('POST', `${HOST}/gmail/v1/users/me/labels`, { body: { name: 'Work' } })).status).toBe(409);
  });

  it('checks scopes: the metadata scope reads no raw and cannot search; read-only cannot import', async () => {
    const metadata = setup(null, [`${G}.metadata`]);
    expect((await metadata.call('GET', `${HOST}/gmail/v1/users/me/messages?q=rfc822msgid:x`)).status).toBe(403);
    const readonly = setup(null, [`${G}.readonly`]);
    const refused = await readonly.call('POST', `${UPLOAD}?uploadType=media`, { body: MESSAGE, headers: { 'content-type': 'message/rfc822' } });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain('insufficientPermissions');
  });

  it('spends quota units per method and answers 429 with Retry-After when they run out', async () => {
    const { call, tick } = setup({ unitsPerSecond: 250, burstUnits: 250 });
    for (let i = 0; i < 10; i++) {
      expect((await call('POST', `${UPLOAD}?uploadType=media`, { body: MESSAGE, headers: { 'content-type': 'message/rfc822' } })).status).toBe(200);
    }
    const over = await call('GET', `${HOST}/gmail/v1/users/me/messages`);
    expect(over.status).toBe(429);
    expect(over.headers?.['retry-after']).toBe('1');
    expect(JSON.stringify(over.body)).toContain('rateLimitExceeded');
    tick(1000);
    expect((await call('GET', `${HOST}/gmail/v1/users/me/messages`)).status).toBe(200);
  });

  it('answers a batch of messages.get part by part, each part spending its units and 429 once they run out', async () => {
    const { call, gmail } = setup({ unitsPerSecond: 250, burstUnits: 250 });
    gmail.mailbox.reset();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const made = await call('POST', `${UPLOAD}?uploadType=media`, { body: Buffer.from(MESSAGE.toString().replace('m1@', `m${i}@`)), headers: { 'content-type': 'message/rfc822' } });
      ids.push((made.body as { id: string }).id);
    }
    // 75 units spent on the imports: 35 gets of 5 units fit in the remaining 175, the rest are refused.
    const parts = [...ids, ...Array.from({ length: 37 }, () => ids[0]!)].map((id, i) =>
      [`--gb`, 'Content-Type: application/http', `Content-ID: <p${i}>`, '', `GET /gmail/v1/users/me/messages/${id}?format=metadata&metadataHeaders=Subject HTTP/1.1`, '', ''].join('\r\n'),
    );
    const reply = await call('POST', `${HOST}/batch/gmail/v1`, { body: `${parts.join('\r\n')}\r\n--gb--\r\n`, headers: { 'content-type': 'multipart/mixed; boundary=gb' } });
    expect(reply.status).toBe(200);
    const boundary = /boundary=(.+)$/.exec(reply.headers!['content-type']!)![1]!;
    const answers = String(reply.body).split(`--${boundary}`).slice(1, -1);
    expect(answers).toHaveLength(40);
    const statuses = answers.map((a) => Number(/HTTP\/1\.1 (\d{3})/.exec(a)![1]));
    expect(statuses).toEqual([...Array(35).fill(200), ...Array(5).fill(429)]);
    expect(answers[0]).toContain('Content-ID: <response-p0>');
    const first = JSON.parse(answers[0]!.slice(answers[0]!.indexOf('{'))) as { id: string; payload: { headers: { name: string; value: string }[] } };
    expect(first.id).toBe(ids[0]);
    expect(first.payload.headers).toEqual([{ name: 'Subject', value: 'Hello' }]);
    const refused = JSON.parse(answers[39]!.slice(answers[39]!.indexOf('{'))) as { error: { code: number; errors: { reason: string; domain: string }[]; status: string } };
    expect(refused.error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED', errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded' }] });
    expect(answers[39]).toMatch(/retry-after: 1/i);
  });

  it('refuses a Gmail batch of more than 100 calls', async () => {
    const { call } = setup();
    const parts = Array.from({ length: 101 }, () => ['--gb', 'Content-Type: application/http', '', 'GET /gmail/v1/users/me/labels HTTP/1.1', '', ''].join('\r\n'));
    const reply = await call('POST', `${HOST}/batch`, { body: `${parts.join('\r\n')}\r\n--gb--\r\n`, headers: { 'content-type': 'multipart/mixed; boundary=gb' } });
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain('at most 100 calls');
  });

  it('refuses maxResults of a wrong type and unknown parameters', async () => {
    const { call } = setup();
    expect((await call('GET', `${HOST}/gmail/v1/users/me/messages?maxResults=abc`)).status).toBe(400);
    expect((await call('GET', `${HOST}/gmail/v1/users/me/messages?colour=red`)).status).toBe(400);
  });
});
