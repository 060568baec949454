/** The Google Photos sandbox answers as Google documents: Picker sessions, base URLs, uploads and batchCreate. */
import { describe, expect, it } from 'vitest';
import { readExif } from '../../../model/exif';
import type { SandboxReply } from '../core/types';
import { withExif } from '../../../model/exif-write';
import { solidJpeg } from '../sample-data/jpeg-encode';
import { BASE_URL_LIFETIME_MS } from './photos/content-host';
import { CLIENT_ID, makeSandbox, request } from './test-support';

const AUTH = 'https://www.googleapis.com/auth';
const PICKER = 'https://photospicker.googleapis.com/v1';
const LIBRARY = 'https://photoslibrary.googleapis.com/v1';
const ORIGIN = 'https://127.0.0.1:47443';

function setup() {
  let now = Date.parse('2025-06-01T10:00:00Z');
  const made = makeSandbox({ rateLimit: null, now: () => now });
  const token = (scopes: string[]) =>
    made.tokens.issue({ provider: 'google', clientId: CLIENT_ID, account: 'alice@example.com', scopes }, { expiresInSec: 3600, refresh: false }).accessToken;
  const picker = token([`${AUTH}/photospicker.mediaitems.readonly`]);
  const library = token([`${AUTH}/photoslibrary.appendonly`, `${AUTH}/photoslibrary.readonly.appcreateddata`]);
  const call = (method: string, url: string, t: string, opts: { body?: string | object; bytes?: Buffer; headers?: Record<string, string> } = {}) => {
    const { bytes, ...rest } = opts;
    const req = request(method, url.startsWith(ORIGIN) ? `https://${url.slice(ORIGIN.length + 1)}` : url, { token: t, ...rest });
    return made.sandbox.handle(bytes ? { ...req, body: async () => bytes } : req);
  };
  return { ...made, picker, library, call, advance: (ms: number) => void (now += ms) };
}

const json = (reply: SandboxReply) => reply.body as Record<string, any>;
const gps = withExif(solidJpeg(16, 16, [200, 10, 10]), { make: 'A', model: 'B', taken: '2021-01-01T00:00:00', takenOffset: '+00:00', location: { lat: 48.1, lon: 11.5 } });

const newSession = async (s: ReturnType<typeof setup>) => json(await s.call('POST', `${PICKER}/sessions`, s.picker, { body: {} }));

async function uploadRaw(s: ReturnType<typeof setup>, bytes: Uint8Array, mime = 'image/jpeg'): Promise<string> {
  const reply = await s.call('POST', `${LIBRARY}/uploads`, s.library, {
    bytes: Buffer.from(bytes),
    headers: { 'content-type': 'application/octet-stream', 'x-goog-upload-protocol': 'raw', 'x-goog-upload-content-type': mime },
  });
  expect(reply.status).toBe(200);
  return String(reply.body);
}

describe('Google Photos Picker sandbox', () => {
  it('lists nothing before Done (FAILED_PRECONDITION), then the picked items, pages of at most 100', async () => {
    const s = setup();
    for (let i = 0; i < 3; i++) {
      const token = await uploadRaw(s, solidJpeg(8, 8, [i, i, i]));
      await s.call('POST', `${LIBRARY}/mediaItems:batchCreate`, s.library, { body: { newMediaItems: [{ simpleMediaItem: { uploadToken: token, fileName: `p${i}.jpg` } }] } });
    }
    const session = await newSession(s);
    expect(session).toMatchObject({ mediaItemsSet: false, pollingConfig: { pollInterval: '5s', timeoutIn: '1800s' } });
    expect(session.pickerUri).toBe(`${ORIGIN}/photos.google.com/picker/${session.id}`);
    const early = await s.call('GET', `${PICKER}/mediaItems?sessionId=${session.id}`, s.picker);
    expect(early.status).toBe(400);
    expect(json(early).error.status).toBe('FAILED_PRECONDITION');

    const page = await s.call('GET', session.pickerUri, s.picker);
    const ids = [...String(page.body).matchAll(/name="item" value="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids).toHaveLength(3);
    expect(String(page.body)).toContain('Select all');
    const done = await s.call('POST', session.pickerUri, s.picker, {
      body: new URLSearchParams([...ids.map((id): [string, string] => ['item', id]), ['action', 'done']]).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(done.status).toBe(200);
    expect((await s.call('GET', session.pickerUri, s.picker)).status).toBe(404);

    const polled = json(await s.call('GET', `${PICKER}/sessions/${session.id}`, s.picker));
    expect(polled).toMatchObject({ mediaItemsSet: true, pollingConfig: { timeoutIn: '0s' } });
    const first = json(await s.call('GET', `${PICKER}/mediaItems?sessionId=${session.id}&pageSize=2`, s.picker));
    expect(first.mediaItems).toHaveLength(2);
    expect(first.mediaItems[0]).toMatchObject({ type: 'PHOTO', mediaFile: { mimeType: 'image/jpeg', mediaFileMetadata: { width: 8, height: 8 } } });
    const second = json(await s.call('GET', `${PICKER}/mediaItems?sessionId=${session.id}&pageSize=2&pageToken=${first.nextPageToken}`, s.picker));
    const names = [...first.mediaItems, ...second.mediaItems].map((m: any) => m.mediaFile.filename);
    expect(names.sort()).toEqual(['p0.jpg', 'p1.jpg', 'p2.jpg']);
    expect(second.nextPageToken).toBeUndefined();
    expect((await s.call('GET', `${PICKER}/mediaItems?sessionId=${session.id}&pageSize=-1`, s.picker)).status).toBe(400);

    expect((await s.call('DELETE', `${PICKER}/sessions/${session.id}`, s.picker)).status).toBe(200);
    expect((await s.call('GET', `${PICKER}/sessions/${session.id}`, s.picker)).status).toBe(404);
  });

  it('refuses a token without the picker scope (403) and none at all (401)', async () => {
    const s = setup();
    const wrong = await s.call('POST', `${PICKER}/sessions`, s.library, { body: {} });
    expect(wrong.status).toBe(403);
    expect(json(wrong).error.details[0].reason).toBe('ACCESS_TOKEN_SCOPE_INSUFFICIENT');
    expect((await s.sandbox.handle(request('POST', `${PICKER}/sessions`, { body: {} }))).status).toBe(401);
  });
});

describe('Google Photos bytes at base URLs', () => {
  it('=d strips the location, honours Range, and stops after 60 minutes', async () => {
    const s = setup();
    const token = await uploadRaw(s, gps);
    const created = json(await s.call('POST', `${LIBRARY}/mediaItems:batchCreate`, s.library, { body: { newMediaItems: [{ simpleMediaItem: { uploadToken: token, fileName: 'gps.jpg' } }] } }));
    const item = created.newMediaItemResults[0].mediaItem;
    expect(item.mediaMetadata.creationTime).toBe('2021-01-01T00:00:00.000Z');
    const whole = await s.call('GET', `${item.baseUrl}=d`, s.library);
    expect(whole.status).toBe(200);
    const bytes = whole.body as Buffer;
    expect(bytes.length).toBe(gps.length);
    expect(readExif(bytes)?.location).toBeUndefined();
    expect(readExif(bytes)?.taken).toBe('2021-01-01T00:00:00');
    const part = await s.call('GET', `${item.baseUrl}=d`, s.library, { headers: { range: 'bytes=10-' } });
    expect(part.status).toBe(206);
    expect(part.headers?.['content-range']).toBe(`bytes 10-${gps.length - 1}/${gps.length}`);
    expect((await s.call('GET', `${item.baseUrl}=dv`, s.library)).status).toBe(403);
    s.advance(BASE_URL_LIFETIME_MS);
    expect((await s.call('GET', `${item.baseUrl}=d`, s.library)).status).toBe(403);
  });

  it('leaves /contacts-photo/ paths to the People sandbox', async () => {
    const s = setup();
    const reply = await s.call('GET', 'https://lh3.googleusercontent.com/contacts-photo/abc', s.library);
    expect(reply.status).not.toBe(403);
  });
});

describe('Google Photos uploads and batchCreate', () => {
  it('resumable uploads take chunks of 256 KiB multiples and answer queries', async () => {
    const s = setup();
    const bytes = Buffer.alloc(256 * 1024 + 5, 7);
    const start = await s.call('POST', `${LIBRARY}/uploads`, s.library, {
      headers: { 'x-goog-upload-protocol': 'resumable', 'x-goog-upload-command': 'start', 'x-goog-upload-content-type': 'video/mp4', 'x-goog-upload-raw-size': String(bytes.length) },
    });
    const url = start.headers!['x-goog-upload-url']!;
    expect(start.headers!['x-goog-upload-chunk-granularity']).toBe('262144');
    const bad = await s.call('POST', url, s.library, { bytes: bytes.subarray(0, 1000), headers: { 'x-goog-upload-command': 'upload', 'x-goog-upload-offset': '0' } });
    expect(bad.status).toBe(400);
    const ok = await s.call('POST', url, s.library, { bytes: bytes.subarray(0, 262144), headers: { 'x-goog-upload-command': 'upload', 'x-goog-upload-offset': '0' } });
    expect(ok.headers!['x-goog-upload-size-received']).toBe('262144');
    const query = await s.call('POST', url, s.library, { headers: { 'x-goog-upload-command': 'query' } });
    expect(query.headers!['x-goog-upload-size-received']).toBe('262144');
    const last = await s.call('POST', url, s.library, { bytes: bytes.subarray(262144), headers: { 'x-goog-upload-command': 'upload, finalize', 'x-goog-upload-offset': '262144' } });
    expect(last.status).toBe(200);
    expect(String(last.body)).toMatch(/^CAIS/);
  });

  it('a resumed upload learns what arrived from query; a chunk sent twice is refused and counted; unknown sessions are 404', async () => {
    const s = setup();
    const bytes = Buffer.alloc(2 * 262144 + 9, 5);
    const start = await s.call('POST', `${LIBRARY}/uploads`, s.library, {
      headers: { 'x-goog-upload-protocol': 'resumable', 'x-goog-upload-command': 'start', 'x-goog-upload-content-type': 'video/mp4', 'x-goog-upload-raw-size': String(bytes.length), 'x-goog-upload-file-name': 'clip%20one.mp4' },
    });
    const url = start.headers!['x-goog-upload-url']!;
    const send = (from: number, to: number, command = 'upload') =>
      s.call('POST', url, s.library, { bytes: bytes.subarray(from, to), headers: { 'x-goog-upload-command': command, 'x-goog-upload-offset': String(from) } });
    expect((await send(0, 262144)).status).toBe(200);
    const broken = request('POST', `https://${url.slice(ORIGIN.length + 1)}`, { token: s.library, headers: { 'x-goog-upload-command': 'upload', 'x-goog-upload-offset': '262144', 'content-length': '262144' } });
    await expect(s.sandbox.handle({ ...broken, body: () => Promise.reject(new Error('Premature close')) })).rejects.toThrow('Premature close');
    const query = await s.call('POST', url, s.library, { headers: { 'x-goog-upload-command': 'query' } });
    expect(query.headers).toMatchObject({ 'x-goog-upload-status': 'active', 'x-goog-upload-size-received': '262144' });
    const twice = await send(0, 262144);
    expect(twice.status).toBe(400);
    expect(twice.headers!['x-goog-upload-size-received']).toBe('262144');
    expect((await send(262144, 524288)).status).toBe(200);
    const last = await send(524288, bytes.length, 'upload, finalize');
    expect(String(last.body)).toMatch(/^CAIS/);
    const final = await s.call('POST', url, s.library, { headers: { 'x-goog-upload-command': 'query' } });
    expect(final.headers).toMatchObject({ 'x-goog-upload-status': 'final', 'x-goog-upload-size-received': String(bytes.length) });
    const photos = (s.sandbox.snapshot() as { photos: { uploadSessions: unknown[] } }).photos;
    expect(photos.uploadSessions).toEqual([{ fileName: 'clip one.mp4', size: bytes.length, received: bytes.length, bytesReceived: bytes.length + 262144, bytesCutOff: 262144, status: 'final' }]);
    const unknown = await s.call('POST', `${url.replace(/upload_id=[^&]+/, 'upload_id=gone')}`, s.library, { headers: { 'x-goog-upload-command': 'query' } });
    expect(unknown.status).toBe(404);
  });

  it('batchCreate refuses more than 50 items, unknown fields and a second call at the same time', async () => {
    const s = setup();
    const many = Array.from({ length: 51 }, (_, i) => ({ simpleMediaItem: { uploadToken: `t${i}`, fileName: 'a.jpg' } }));
    expect((await s.call('POST', `${LIBRARY}/mediaItems:batchCreate`, s.library, { body: { newMediaItems: many } })).status).toBe(400);
    const unknown = await s.call('POST', `${LIBRARY}/mediaItems:batchCreate`, s.library, { body: { newMediaItems: [{ simpleMediaItem: { uploadToken: 't' }, colour: 'red' }] } });
    expect(unknown.status).toBe(400);
    expect(json(unknown).error.message).toContain('Unknown name "colour"');
    const tokens = [await uploadRaw(s, solidJpeg(8, 8, [1, 1, 1])), await uploadRaw(s, solidJpeg(8, 8, [2, 2, 2]))];
    const [a, b] = await Promise.all(
      tokens.map((t) => s.call('POST', `${LIBRARY}/mediaItems:batchCreate`, s.library, { body: { newMediaItems: [{ simpleMediaItem: { uploadToken: t, fileName: 'x.jpg' } }] } })),
    );
    expect([a!.status, b!.status].sort()).toEqual([200, 429]);
    const refused = a!.status === 429 ? a! : b!;
    expect(refused.headers?.['retry-after']).toBe('1');
    const unknownToken = json(await s.call('POST', `${LIBRARY}/mediaItems:batchCreate`, s.library, { body: { newMediaItems: [{ simpleMediaItem: { uploadToken: 'nope', fileName: 'a.jpg' } }] } }));
    expect(unknownToken.newMediaItemResults[0].status.code).toBe(3);
  });

  it('albums and search show only what this app created, in album order', async () => {
    const s = setup();
    const album = json(await s.call('POST', `${LIBRARY}/albums`, s.library, { body: { album: { title: 'Trip' } } }));
    const made = [];
    for (const name of ['b.jpg', 'a.jpg']) {
      const t = await uploadRaw(s, solidJpeg(8, 8, [3, 3, 3]));
      made.push(json(await s.call('POST', `${LIBRARY}/mediaItems:batchCreate`, s.library, { body: { albumId: album.id, newMediaItems: [{ description: 'D', simpleMediaItem: { uploadToken: t, fileName: name } }] } })));
    }
    const found = json(await s.call('POST', `${LIBRARY}/mediaItems:search`, s.library, { body: { albumId: album.id, pageSize: 100 } }));
    expect(found.mediaItems.map((m: any) => [m.filename, m.description])).toEqual([['b.jpg', 'D'], ['a.jpg', 'D']]);
    const albums = json(await s.call('GET', `${LIBRARY}/albums`, s.library));
    expect(albums.albums.map((a: any) => [a.title, a.mediaItemsCount])).toEqual([['Trip', '2']]);
    const other = s.tokens.issue({ provider: 'google', clientId: 'another-app', account: 'alice@example.com', scopes: [`${AUTH}/photoslibrary.readonly.appcreateddata`] }, { expiresInSec: 60, refresh: false }).accessToken;
    expect(json(await s.call('GET', `${LIBRARY}/albums`, other))).toEqual({});
    expect((await s.call('POST', `${LIBRARY}/mediaItems:search`, other, { body: { albumId: album.id } })).status).toBe(400);
  });
});
