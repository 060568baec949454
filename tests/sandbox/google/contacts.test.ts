/**
 * The People API sandbox answers as Google's does: person-field masks required, batch limits, the per-user
 * write quota (429 RESOURCE_EXHAUSTED with Retry-After), mutations in sequence (409 ABORTED), unknown fields
 * and read-only fields refused, scopes checked, photos served, and the archive layout seeded and dumped.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseVCardFile } from '../../../model/contact-vcard';
import { SandboxTokenStore } from '../core/tokens';
import type { SandboxContext } from '../core/types';
import { SANDBOX_CLIENT_IDS, sandboxRedirectUri } from '../identity';
import { FIXTURES_GROUP, TINY_JPEG, writeSampleContacts } from '../sample-data/contacts';
import { createGoogleContacts, type PeopleSandboxOptions } from './contacts/index';
import { ORIGIN, request } from './test-support';

const PEOPLE = 'https://people.googleapis.com/v1';
const CONTACTS_SCOPE = 'https://www.googleapis.com/auth/contacts';
const READONLY_SCOPE = 'https://www.googleapis.com/auth/contacts.readonly';

function makePeople(options: PeopleSandboxOptions = { quota: null, mutationMs: 0 }, now = () => Date.parse('2025-03-01T10:00:00Z')) {
  const tokens = new SandboxTokenStore(now);
  const ctx: SandboxContext = {
    origin: ORIGIN,
    hostUrl: (host) => `${ORIGIN}/${host}`,
    tokens,
    redirectUris: { google: [sandboxRedirectUri('google')], microsoft: [sandboxRedirectUri('microsoft')] },
    clientIds: { ...SANDBOX_CLIENT_IDS },
  };
  const people = createGoogleContacts({ ctx, now }, options);
  const token = (scopes = [CONTACTS_SCOPE]) => tokens.issue({ provider: 'google', clientId: SANDBOX_CLIENT_IDS.google, account: 'alice@example.com', scopes }, { expiresInSec: 3600, refresh: false }).accessToken;
  const call = async (method: string, path: string, body?: object, t = token()) => {
    const reply = (await people.handle(request(method, `${PEOPLE}${path}`, { token: t, ...(body ? { body } : {}) })))!;
    return { status: reply.status, body: reply.body as Record<string, any>, headers: reply.headers ?? {} };
  };
  return { people, token, call };
}

const person = (given: string) => ({ names: [{ givenName: given, familyName: 'Example' }], emailAddresses: [{ value: `${given.toLowerCase()}@example.com`, type: 'home' }] });

describe('People API sandbox', () => {
  it('requires personFields on reads and answers only the fields asked for', async () => {
    const { call } = makePeople();
    await call('POST', '/people:batchCreateContacts', { contacts: [{ contactPerson: person('Ada') }], readMask: 'names' });
    const missing = await call('GET', '/people/me/connections');
    expect(missing.status).toBe(400);
    expect(missing.body.error.status).toBe('INVALID_ARGUMENT');
    expect(missing.body.error.message).toMatch(/personFields is required/);
    const bad = await call('GET', '/people/me/connections?personFields=names,shoeSize');
    expect(bad.status).toBe(400);
    const ok = await call('GET', '/people/me/connections?personFields=names');
    expect(ok.status).toBe(200);
    expect(ok.body.connections).toHaveLength(1);
    expect(ok.body.connections[0].names[0]).toMatchObject({ givenName: 'Ada', familyName: 'Example', displayName: 'Ada Example' });
    expect(ok.body.connections[0].emailAddresses).toBeUndefined();
  });

  it('pages connections with pageSize ≤ 1000 and nextPageToken', async () => {
    const { call } = makePeople();
    await call('POST', '/people:batchCreateContacts', { contacts: ['A', 'B', 'C'].map((g) => ({ contactPerson: person(g) })), readMask: 'names' });
    expect((await call('GET', '/people/me/connections?personFields=names&pageSize=1001')).status).toBe(400);
    const first = await call('GET', '/people/me/connections?personFields=names&pageSize=2');
    expect(first.body.connections).toHaveLength(2);
    const second = await call('GET', `/people/me/connections?personFields=names&pageSize=2&pageToken=${first.body.nextPageToken}`);
    expect(second.body.connections).toHaveLength(1);
    expect(second.body.nextPageToken).toBeUndefined();
  });

  it('refuses more than 200 contacts in a batch, unknown fields and read-only fields', async () => {
    const { call } = makePeople();
    const tooMany = await call('POST', '/people:batchCreateContacts', { contacts: Array.from({ length: 201 }, () => ({ contactPerson: person('X') })), readMask: 'names' });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/at most 200/);
    const unknown = await call('POST', '/people:batchCreateContacts', { contacts: [{ contactPerson: { ...person('Y'), shoeSize: 42 } }], readMask: 'names' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/Unknown name "shoeSize"/);
    const photo = await call('POST', '/people:batchCreateContacts', { contacts: [{ contactPerson: { ...person('Z'), photos: [{ url: 'https://x' }] } }], readMask: 'names' });
    expect(photo.status).toBe(400);
    expect((await call('POST', '/people:batchCreateContacts', { contacts: [{ contactPerson: person('W') }] })).status).toBe(400);
  });

  it('checks scopes: a read-only token reads but cannot write', async () => {
    const { call, token } = makePeople();
    const readonly = token([READONLY_SCOPE]);
    expect((await call('GET', '/people/me/connections?personFields=names', undefined, readonly)).status).toBe(200);
    const write = await call('POST', '/people:batchCreateContacts', { contacts: [{ contactPerson: person('A') }], readMask: 'names' }, readonly);
    expect(write.status).toBe(403);
    expect((await call('GET', '/contactGroups', undefined, 'not-a-token')).status).toBe(401);
  });

  it('answers 429 RESOURCE_EXHAUSTED with Retry-After past the per-minute write quota', async () => {
    let now = Date.parse('2025-03-01T10:00:00Z');
    const { call } = makePeople({ quota: { readsPerMinute: 90, writesPerMinute: 2 }, mutationMs: 0 }, () => now);
    for (const g of ['A', 'B']) expect((await call('POST', '/people:createContact', person(g))).status).toBe(200);
    now += 15_000;
    const over = await call('POST', '/people:createContact', person('C'));
    expect(over.status).toBe(429);
    expect(over.body.error.status).toBe('RESOURCE_EXHAUSTED');
    expect(over.body.error.details[0].reason).toBe('RATE_LIMIT_EXCEEDED');
    expect(over.headers['retry-after']).toBe('45');
    now += 45_000;
    expect((await call('POST', '/people:createContact', person('C'))).status).toBe(200);
  });

  it('refuses a mutation that overlaps another for the same user with 409 ABORTED', async () => {
    const { call } = makePeople({ quota: null, mutationMs: 50 });
    const [a, b] = await Promise.all([call('POST', '/people:createContact', person('A')), call('POST', '/people:createContact', person('B'))]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((a.status === 409 ? a : b).body.error.status).toBe('ABORTED');
  });

  it('sets a photo from photoBytes and serves it at its lh3 URL; refuses what is not an image', async () => {
    const { call, people } = makePeople();
    const made = await call('POST', '/people:createContact?personFields=names', person('Ada'));
    const name = made.body.resourceName as string;
    expect((await call('PATCH', `/${name}:updateContactPhoto`, { photoBytes: Buffer.from('hello').toString('base64') })).status).toBe(400);
    const set = await call('PATCH', `/${name}:updateContactPhoto`, { photoBytes: Buffer.from(TINY_JPEG).toString('base64'), personFields: 'photos' });
    expect(set.status).toBe(200);
    const url = new URL(set.body.person.photos[0].url);
    expect(url.host).toBe('lh3.googleusercontent.com');
    const served = await people.handle(request('GET', url.href));
    expect(served?.status).toBe(200);
    expect(served?.headers?.['content-type']).toBe('image/jpeg');
    expect(Buffer.from(served?.body as Buffer)).toEqual(Buffer.from(TINY_JPEG));
    expect(await people.handle(request('GET', 'https://lh3.googleusercontent.com/pw/other-photo'))).toBeUndefined();
  });

  describe('archive layout', () => {
    const dirs: string[] = [];
    afterEach(async () => {
      for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
    });

    it('seeds the sample account (with the real-world fixtures when present) and dumps it back by group', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'ferry-people-seed-'));
      const out = await mkdtemp(join(tmpdir(), 'ferry-people-dump-'));
      dirs.push(dir, out);
      const files = await writeSampleContacts(dir, { count: 60, seed: 7 });
      const { people } = makePeople();
      await people.seed(dir);
      const snapshot = people.snapshot() as { people: { clientData?: { value?: string }[]; photoBytes: number }[]; contactGroups: { name: string }[] };
      const fixtures = files.includes(`${FIXTURES_GROUP}.vcf`);
      if (fixtures) {
        const expected = parseVCardFile(await readFile(join(dir, 'contacts', `${FIXTURES_GROUP}.vcf`))).entries.length;
        expect(expected).toBeGreaterThan(50);
        expect(snapshot.people.length).toBe(60 + expected);
      } else {
        console.warn('[skipped] ../shared/fixtures absent: the sample account has no real-world vCard files');
        expect(snapshot.people.length).toBe(60);
      }
      const groups = snapshot.contactGroups.map((g) => g.name);
      expect(groups).toEqual(expect.arrayContaining(['Book club', 'Family', 'Friends', 'Work', ...(fixtures ? [FIXTURES_GROUP, 'My Contacts'] : [])]));
      expect(snapshot.people.some((p) => p.photoBytes === TINY_JPEG.length)).toBe(true);
      await people.dump(out);
      const dumped = (await readdir(join(out, 'contacts'))).sort();
      expect(dumped).toContain('contacts.vcf');
      let total = 0;
      for (const file of dumped) total += parseVCardFile(await readFile(join(out, 'contacts', file))).entries.length;
      expect(total).toBe(snapshot.people.length);
    });
  });
});
