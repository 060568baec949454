/** The OneDrive sandbox answers as Graph documents: paths, paging, /content, upload sessions and their rules. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxReply } from '../core/types';
import { writeSamplePhotos } from '../sample-data/photos';
import { GRAPH, ORIGIN, makeSandbox, request } from './test-kit';
import { ALICE } from './account';
import { SPILL_BYTES } from './photos/store';

/** A fragment of 10 × the 320 KiB OneDrive asks multiples of. */
const FRAGMENT = 10 * 327680;

const json = (reply: SandboxReply) => reply.body as Record<string, any>;

function setup(scopes = ['Files.ReadWrite']) {
  const { ctx, sandbox } = makeSandbox();
  const token = ctx.tokens.issue({ provider: 'microsoft', clientId: 'c', account: ALICE.id, scopes }, { expiresInSec: 3600, refresh: false }).accessToken;
  const call = (method: string, url: string, opts: { body?: object | string; bytes?: Buffer; headers?: Record<string, string>; anonymous?: boolean } = {}) => {
    const { bytes, anonymous, ...rest } = opts;
    const req = request(method, url, { ...rest, headers: { ...(anonymous ? {} : { authorization: `Bearer ${token}` }), ...rest.headers } });
    return sandbox.handle(bytes ? { ...req, body: async () => bytes } : req);
  };
  return { sandbox, call };
}

describe('OneDrive sandbox: reading', () => {
  let dir: string;
  const s = setup(['Files.Read']);
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ferry-onedrive-'));
    await writeSamplePhotos(dir, { photos: 9, videos: 1, albums: 2, realWorld: false });
    s.sandbox.reset();
    await s.sandbox.seed(dir);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('serves the Photos special folder, its children in pages and items by path', async () => {
    const photos = json(await s.call('GET', `${GRAPH}/me/drive/special/photos`));
    expect(photos).toMatchObject({ name: 'Pictures', specialFolder: { name: 'photos' }, folder: { childCount: 2 } });
    const albums = json(await s.call('GET', `${GRAPH}/me/drive/items/${photos.id}/children?$orderby=name`));
    expect(albums.value.map((v: any) => v.name)).toEqual(['Family', 'Summer in Lisbon']);
    const first = json(await s.call('GET', `${GRAPH}/me/drive/root:/Pictures/Summer in Lisbon:/children?$top=2&$orderby=name&$select=id,name,photo`));
    expect(first.value).toHaveLength(2);
    expect(Object.keys(first.value[0]).sort()).toEqual(['id', 'name', 'photo']);
    const next = await s.call('GET', first['@odata.nextLink']);
    expect(json(next).value).toHaveLength(2);
    const byPath = json(await s.call('GET', `${GRAPH}/me/drive/root:/Pictures/Family/IMG_1001.jpg:`));
    expect(byPath).toMatchObject({ name: 'IMG_1001.jpg', file: { mimeType: 'image/jpeg' }, image: { width: expect.any(Number) }, photo: { takenDateTime: expect.any(String) } });
    expect((await s.call('GET', `${GRAPH}/me/drive/root:/Pictures/none.jpg:`)).status).toBe(404);
  });

  it('sends /content to a pre-authenticated link that honours Range', async () => {
    const item = json(await s.call('GET', `${GRAPH}/me/drive/root:/Pictures/Family/IMG_1001.jpg:`));
    const redirect = await s.call('GET', `${GRAPH}/me/drive/items/${item.id}/content`);
    expect(redirect.status).toBe(302);
    const location = redirect.headers!.location!;
    expect(location.startsWith(`${ORIGIN}/contoso-my.sharepoint.com/`)).toBe(true);
    const part = await s.call('GET', location, { anonymous: true, headers: { range: 'bytes=4-' } });
    expect(part.status).toBe(206);
    expect(part.headers!['content-range']).toBe(`bytes 4-${item.size - 1}/${item.size}`);
  });

  it('refuses writes to a read-only grant', async () => {
    const photos = json(await s.call('GET', `${GRAPH}/me/drive/special/photos`));
    const refused = await s.call('POST', `${GRAPH}/me/drive/items/${photos.id}/children`, { body: { name: 'X', folder: {} } });
    expect(refused.status).toBe(403);
  });
});

describe('OneDrive sandbox: upload sessions', () => {
  const s = setup();
  const bytes = Buffer.alloc(2 * 327680 + 10, 3);
  const start = async (name: string) => {
    const photos = json(await s.call('GET', `${GRAPH}/me/drive/special/photos`));
    const reply = await s.call('POST', `${GRAPH}/me/drive/items/${photos.id}:/${name}:/createUploadSession`, {
      body: { item: { '@microsoft.graph.conflictBehavior': 'fail', description: 'D', fileSystemInfo: { createdDateTime: '2020-05-05T05:05:05Z' } } },
    });
    expect(reply.status).toBe(200);
    return json(reply).uploadUrl as string;
  };
  const put = (url: string, from: number, to: number, opts: { anonymous?: boolean; range?: string } = {}) =>
    s.call('PUT', url, { anonymous: opts.anonymous ?? true, bytes: bytes.subarray(from, to + 1), headers: opts.range === '' ? {} : { 'content-range': opts.range ?? `bytes ${from}-${to}/${bytes.length}` } });

  it('takes 320 KiB multiples in order, says what it expects next, and makes the file', async () => {
    const url = await start('clip.mp4');
    expect((await put(url, 0, 327679, { range: '' })).status).toBe(400);
    expect((await put(url, 0, 999)).status).toBe(400);
    expect((await put(url, 0, 327679, { anonymous: false })).status).toBe(401);
    expect((await put(url, 0, 327679)).status).toBe(202);
    expect((await put(url, 0, 327679)).status).toBe(416);
    expect(json(await s.call('GET', url, { anonymous: true })).nextExpectedRanges).toEqual(['327680-']);
    expect((await put(url, 327680, 655359)).status).toBe(202);
    const done = await put(url, 655360, bytes.length - 1);
    expect(done.status).toBe(201);
    expect(json(done)).toMatchObject({ name: 'clip.mp4', size: bytes.length, description: 'D', file: { mimeType: 'video/mp4' }, fileSystemInfo: { createdDateTime: '2020-05-05T05:05:05Z' } });
  });

  it('tells a resuming client where the session stands and when it expires, refuses an overlapping fragment, and counts every byte received', async () => {
    const url = await start('resumed.mp4');
    const broken = request('PUT', url, { headers: { 'content-range': `bytes 0-327679/${bytes.length}` } });
    await expect(s.sandbox.handle({ ...broken, body: () => Promise.reject(new Error('Premature close')) })).rejects.toThrow('Premature close');
    const created = json(await s.call('GET', url, { anonymous: true }));
    expect(created.nextExpectedRanges).toEqual(['0-']);
    expect(Date.parse(created.expirationDateTime)).toBeGreaterThan(Date.now());
    expect((await put(url, 0, 327679)).status).toBe(202);
    const overlap = await put(url, 0, 655359);
    expect(overlap.status).toBe(416);
    expect(json(overlap).error.code).toBe('invalidRange');
    expect(json(await s.call('GET', url, { anonymous: true })).nextExpectedRanges).toEqual(['327680-']);
    expect((await put(url, 327680, 655359)).status).toBe(202);
    expect((await put(url, 655360, bytes.length - 1)).status).toBe(201);
    expect((await s.call('GET', url, { anonymous: true })).status).toBe(404);
    const history = (s.sandbox.snapshot() as { photos: { uploadHistory: { name: string }[] } }).photos.uploadHistory.filter((u) => u.name === 'resumed.mp4');
    expect(history).toEqual([{ name: 'resumed.mp4', size: bytes.length, received: bytes.length, bytesReceived: bytes.length + 655360, bytesCutOff: 327680, committed: true }]);
  });

  it('refuses a name that exists under conflictBehavior fail, and unknown properties', async () => {
    const photos = json(await s.call('GET', `${GRAPH}/me/drive/special/photos`));
    const again = await s.call('POST', `${GRAPH}/me/drive/items/${photos.id}:/clip.mp4:/createUploadSession`, { body: { item: { '@microsoft.graph.conflictBehavior': 'fail' } } });
    expect(again.status).toBe(409);
    expect(json(again).error.code).toBe('nameAlreadyExists');
    const unknown = await s.call('POST', `${GRAPH}/me/drive/items/${photos.id}:/x.jpg:/createUploadSession`, { body: { item: { colour: 'red' } } });
    expect(unknown.status).toBe(400);
    const folder = await s.call('POST', `${GRAPH}/me/drive/items/${photos.id}/children`, { body: { name: 'Ferry', folder: {}, '@microsoft.graph.conflictBehavior': 'fail' } });
    expect(folder.status).toBe(201);
    expect((await s.call('POST', `${GRAPH}/me/drive/items/${photos.id}/children`, { body: { name: 'ferry', folder: {}, '@microsoft.graph.conflictBehavior': 'fail' } })).status).toBe(409);
  });
});

describe('OneDrive sandbox: a file past SPILL_BYTES', () => {
  it('keeps it on disk and dumps it whole', async () => {
    const s = setup();
    const size = SPILL_BYTES + 3 * FRAGMENT;
    const photos = json(await s.call('GET', `${GRAPH}/me/drive/special/photos`));
    const session = json(await s.call('POST', `${GRAPH}/me/drive/items/${photos.id}:/big.mp4:/createUploadSession`, { body: { item: {} } }));
    const fragment = (offset: number) => Buffer.alloc(Math.min(FRAGMENT, size - offset), offset / FRAGMENT);
    for (let offset = 0; offset < size; offset += FRAGMENT) {
      const part = fragment(offset);
      const reply = await s.call('PUT', session.uploadUrl, { anonymous: true, bytes: part, headers: { 'content-range': `bytes ${offset}-${offset + part.length - 1}/${size}` } });
      expect(reply.status).toBe(offset + part.length < size ? 202 : 201);
    }
    const out = await mkdtemp(join(tmpdir(), 'ferry-onedrive-dump-'));
    try {
      await s.sandbox.dump(out);
      const dumped = await readFile(join(out, 'photos', 'big.mp4'));
      expect(dumped.length).toBe(size);
      for (let offset = 0; offset < size; offset += FRAGMENT) expect(dumped[offset]).toBe((offset / FRAGMENT) % 256);
      expect(dumped[size - 1]).toBe(Math.floor((size - 1) / FRAGMENT) % 256);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
