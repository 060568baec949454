/**
 * Outlook contacts in the Graph sandbox: folders, contacts with their extended properties ($filter and
 * $expand on them), paging, photos (PUT/GET of the bytes, 404 without one), Graph's refusals (unknown
 * property, bad types, duplicate folder, wrong scope), $batch of at most 20, and the archive layout.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SANDBOX_CLIENT_IDS } from '../identity';
import { TINY_JPEG, writeSampleContacts } from '../sample-data/contacts';
import { ALICE } from './account';
import { GRAPH, json, makeSandbox, request } from './test-kit';

const SOURCE = 'String {94f743c4-3c01-43a1-834e-679d08b7b632} Name FerrySourceKey';

function setup(scopes = ['Contacts.ReadWrite']) {
  const { sandbox, ctx } = makeSandbox();
  const token = ctx.tokens.issue({ provider: 'microsoft', clientId: SANDBOX_CLIENT_IDS.microsoft, account: ALICE.id, scopes }, { expiresInSec: 3600, refresh: false }).accessToken;
  const call = async (method: string, path: string, body?: object | Buffer, headers: Record<string, string> = {}) => {
    const req = request(method, `${GRAPH}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers }, ...(body && !Buffer.isBuffer(body) ? { body } : {}) });
    if (Buffer.isBuffer(body)) req.body = async () => body;
    const reply = await sandbox.handle(req);
    return { status: reply.status, body: json(reply), raw: reply.body, headers: reply.headers ?? {} };
  };
  return { sandbox, call };
}

describe('Outlook contacts sandbox', () => {
  it('creates a contact with extended properties and finds it by $filter, answering every property', async () => {
    const { call } = setup();
    const made = await call('POST', '/me/contacts', {
      givenName: 'Ada',
      surname: 'Lovelace',
      emailAddresses: [{ address: 'ada@example.com', name: 'Ada' }],
      homeAddress: { street: '1 Main St', city: 'London' },
      birthday: '1815-12-10T00:00:00Z',
      categories: ['Family'],
      singleValueExtendedProperties: [{ id: SOURCE, value: 'src:1' }],
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ givenName: 'Ada', surname: 'Lovelace', mobilePhone: null, businessPhones: [], categories: ['Family'] });
    expect(made.body.singleValueExtendedProperties).toBeUndefined();
    const filter = encodeURIComponent(`singleValueExtendedProperties/Any(ep: ep/id eq '${SOURCE}' and ep/value eq 'src:1')`);
    const expand = encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${SOURCE}')`);
    const found = await call('GET', `/me/contacts?$filter=${filter}&$select=id&$expand=${expand}`);
    expect(found.body.value).toEqual([{ '@odata.etag': made.body['@odata.etag'], id: made.body.id, singleValueExtendedProperties: [{ id: SOURCE, value: 'src:1' }] }]);
  });

  it('refuses unknown properties, wrong types and bad extended property ids as Graph does', async () => {
    const { call } = setup();
    const unknown = await call('POST', '/me/contacts', { givenName: 'X', shoeSize: 42 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('RequestBodyRead');
    expect((await call('POST', '/me/contacts', { birthday: '1815-12-10' })).status).toBe(400);
    expect((await call('POST', '/me/contacts', { homePhones: '123' })).status).toBe(400);
    expect((await call('POST', '/me/contacts', { singleValueExtendedProperties: [{ id: 'Nonsense', value: 'x' }] })).status).toBe(400);
  });

  it('pages with $top and @odata.nextLink', async () => {
    const { call } = setup();
    for (const g of ['A', 'B', 'C']) await call('POST', '/me/contacts', { givenName: g });
    const first = await call('GET', '/me/contacts?$top=2&$select=givenName');
    expect(first.body.value).toHaveLength(2);
    const next = new URL(first.body['@odata.nextLink']);
    const second = await call('GET', `${next.pathname.replace(/^.*\/v1\.0/, '')}${next.search}`);
    expect(second.body.value).toHaveLength(1);
    expect(second.body['@odata.nextLink']).toBeUndefined();
  });

  it('keeps folders apart, refuses a second folder of the same name, and reaches any contact at /me/contacts/{id}', async () => {
    const { call } = setup();
    const folder = await call('POST', '/me/contactFolders', { displayName: 'Work' });
    expect(folder.status).toBe(201);
    expect((await call('POST', '/me/contactFolders', { displayName: 'work' })).body.error.code).toBe('ErrorFolderExists');
    const made = await call('POST', `/me/contactFolders/${folder.body.id}/contacts`, { givenName: 'Grace' });
    expect(made.body.parentFolderId).toBe(folder.body.id);
    expect((await call('GET', '/me/contacts')).body.value).toHaveLength(0);
    expect((await call('GET', `/me/contacts/${made.body.id}`)).body.givenName).toBe('Grace');
  });

  it('stores and serves a contact photo; 404 when there is none; refuses what is not an image', async () => {
    const { call } = setup();
    const made = await call('POST', '/me/contacts', { givenName: 'Ada' });
    expect((await call('GET', `/me/contacts/${made.body.id}/photo`)).status).toBe(404);
    expect((await call('PUT', `/me/contacts/${made.body.id}/photo/$value`, Buffer.from('text'), { 'content-type': 'image/jpeg' })).status).toBe(400);
    expect((await call('PUT', `/me/contacts/${made.body.id}/photo/$value`, Buffer.from(TINY_JPEG), { 'content-type': 'image/jpeg' })).status).toBe(200);
    expect((await call('GET', `/me/contacts/${made.body.id}/photo`)).body['@odata.mediaContentType']).toBe('image/jpeg');
    const bytes = await call('GET', `/me/contacts/${made.body.id}/photo/$value`);
    expect(Buffer.from(bytes.raw as Buffer)).toEqual(Buffer.from(TINY_JPEG));
  });

  it('needs Contacts.ReadWrite to write and Contacts.Read to read', async () => {
    const { call } = setup(['Contacts.Read']);
    expect((await call('GET', '/me/contacts')).status).toBe(200);
    const write = await call('POST', '/me/contacts', { givenName: 'X' });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('ErrorAccessDenied');
  });

  it('answers contacts requests inside $batch and refuses more than 20', async () => {
    const { call } = setup();
    const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'POST', url: '/me/contacts', headers: { 'content-type': 'application/json' }, body: { givenName: `P${i}` } }));
    expect((await call('POST', '/$batch', { requests })).status).toBe(400);
    const ok = await call('POST', '/$batch', { requests: requests.slice(0, 20) });
    expect(ok.body.responses.map((r: { status: number }) => r.status)).toEqual(Array(20).fill(201));
  });

  it('seeds the sample account into folders and dumps it back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-outlook-contacts-'));
    const out = await mkdtemp(join(tmpdir(), 'ferry-outlook-contacts-dump-'));
    try {
      const files = await writeSampleContacts(dir, { count: 40, seed: 3 });
      const { sandbox, call } = setup();
      await sandbox.seed(dir);
      const folders = (await call('GET', '/me/contactFolders')).body.value.map((f: { displayName: string }) => `${f.displayName}.vcf`);
      expect([...folders, 'contacts.vcf'].sort()).toEqual(files.sort());
      await sandbox.dump(out);
      expect((await readdir(join(out, 'contacts'))).sort()).toEqual(files.sort());
    } finally {
      await rm(dir, { recursive: true, force: true });
      await rm(out, { recursive: true, force: true });
    }
  });
});
