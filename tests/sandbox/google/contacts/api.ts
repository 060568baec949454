/**
 * The People API v1 methods Ferry uses, at people.googleapis.com: connections.list, people.get,
 * people.getBatchGet, people.searchContacts, people.createContact, people.batchCreateContacts,
 * people.updateContactPhoto, contactGroups.list and contactGroups.create. Every call is authorised by the
 * discovery document's scopes and counted against the user's read or write quota; mutations are serialised.
 */
import type { SandboxReply, SandboxRequest, TokenStore } from '../../core/types';
import { insufficientScopes, invalidCredentials } from '../errors';
import { PeopleError, invalidArgument, notFound } from './errors';
import type { PeopleQuota } from './quota';
import { READ_SCOPES, WRITE_SCOPES, BIOGRAPHY_CONTENT_TYPES } from './schema';
import { PeopleStore, parseMask, presentPerson, type StoredPerson } from './store';
import { validatePeopleBody } from './validate';
import type { Person } from '../../../../adapters/google/contacts/api-types';

export const PEOPLE_HOST = 'people.googleapis.com';
/** batchCreateContacts: "Allows up to 200 contacts in a single request." */
export const MAX_BATCH_CREATE = 200;
/** people.getBatchGet: "There is a maximum of 200 resource names." */
const MAX_BATCH_GET = 200;

interface Call {
  req: SandboxRequest;
  json(): Promise<Record<string, unknown>>;
}

type Method = { kind: 'read' | 'write'; run: (call: Call) => Promise<object> | object };

function pageSizeOf(raw: string | null, max: number, fallback: number): number {
  if (raw === null || raw === '0') return fallback;
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 0 || size > max) throw invalidArgument(`pageSize must be between 1 and ${max}, inclusive.`);
  return size;
}

function offsetOf(token: string | null): number {
  if (token === null || token === '') return 0;
  const offset = Number(Buffer.from(token, 'base64url').toString('utf8').replace(/^offset:/, ''));
  if (!Number.isInteger(offset) || offset < 0) throw invalidArgument('Invalid pageToken.');
  return offset;
}

const tokenOf = (offset: number): string => Buffer.from(`offset:${offset}`).toString('base64url');

/** Checks a Person to create as Google does: its schema, then what must not or cannot be set on a new contact. */
function checkNewPerson(value: unknown, at: string): Person {
  validatePeopleBody(value, 'Person', at);
  const person = value as Person;
  for (const readOnly of ['resourceName', 'etag', 'metadata', 'photos'] as const) {
    if (person[readOnly] !== undefined) throw invalidArgument(`${at}.${readOnly} is read only and cannot be set on a new contact.`);
  }
  for (const date of [...(person.birthdays ?? []), ...(person.events ?? [])].map((d) => d.date)) {
    if (date && (!date.month || date.month > 12 || !date.day || date.day > 31)) throw invalidArgument(`Invalid date in ${at}: ${JSON.stringify(date)}.`);
  }
  const contentType = person.biographies?.find((b) => b.contentType && !(BIOGRAPHY_CONTENT_TYPES as readonly string[]).includes(b.contentType))?.contentType;
  if (contentType) throw invalidArgument(`Invalid value at '${at}.biographies[0].content_type', "${contentType}"`);
  if ((person.names?.length ?? 0) > 1) throw invalidArgument(`${at}.names can hold one name for a contact.`);
  return person;
}

export function createPeopleApi(store: PeopleStore, tokens: TokenStore, quota: PeopleQuota) {
  const person = (resourceName: string): StoredPerson => {
    const stored = store.persons.get(resourceName);
    if (!stored) throw notFound(resourceName);
    return stored;
  };

  const methods: Record<string, Method> = {
    'GET people/me/connections': {
      kind: 'read',
      run: ({ req }) => {
        const mask = parseMask(req.query.get('personFields') ?? req.query.get('requestMask.includeField'), 'personFields');
        const size = pageSizeOf(req.query.get('pageSize'), 1000, 100);
        const offset = offsetOf(req.query.get('pageToken'));
        const all = [...store.persons.values()].sort((a, b) => a.updateTime.localeCompare(b.updateTime));
        const page = all.slice(offset, offset + size).map((p) => presentPerson(p, mask));
        return { connections: page, totalPeople: all.length, totalItems: all.length, ...(offset + size < all.length && { nextPageToken: tokenOf(offset + size) }) };
      },
    },
    'GET people:batchGet': {
      kind: 'read',
      run: ({ req }) => {
        const mask = parseMask(req.query.get('personFields'), 'personFields');
        const names = req.query.getAll('resourceNames');
        if (names.length === 0 || names.length > MAX_BATCH_GET) throw invalidArgument(`resourceNames must name 1 to ${MAX_BATCH_GET} people.`);
        return {
          responses: names.map((name) => {
            const stored = store.persons.get(name);
            return stored
              ? { httpStatusCode: 200, requestedResourceName: name, person: presentPerson(stored, mask), status: {} }
              : { httpStatusCode: 404, requestedResourceName: name, status: { code: 5, message: 'Requested entity was not found.' } };
          }),
        };
      },
    },
    'GET people:searchContacts': {
      kind: 'read',
      run: ({ req }) => {
        const mask = parseMask(req.query.get('readMask'), 'readMask');
        const q = (req.query.get('query') ?? '').toLowerCase();
        if (q === '') return {};
        const size = Math.min(pageSizeOf(req.query.get('pageSize'), Number.MAX_SAFE_INTEGER, 10), 30);
        const words = (p: Person) => [
          ...(p.names ?? []).flatMap((n) => [n.givenName, n.familyName, n.unstructuredName]),
          ...(p.nicknames ?? []).map((n) => n.value),
          ...(p.emailAddresses ?? []).map((e) => e.value),
          ...(p.phoneNumbers ?? []).map((t) => t.value),
          ...(p.organizations ?? []).map((o) => o.name),
        ];
        const hits = [...store.persons.values()].filter((s) => words(s.person).some((w) => w?.toLowerCase().startsWith(q)));
        return { results: hits.slice(0, size).map((s) => ({ person: presentPerson(s, mask) })) };
      },
    },
    'POST people:createContact': {
      kind: 'write',
      run: async ({ req, json }) => {
        const mask = parseMask(req.query.get('personFields') ?? 'names', 'personFields');
        const body = checkNewPerson(await json(), 'person');
        return quota.mutate(() => presentPerson(store.create(body), mask));
      },
    },
    'POST people:batchCreateContacts': {
      kind: 'write',
      run: async ({ json }) => {
        const body = await json();
        const mask = parseMask(typeof body.readMask === 'string' ? body.readMask : null, 'readMask');
        const contacts = body.contacts;
        if (!Array.isArray(contacts) || contacts.length === 0) throw invalidArgument('contacts is required.');
        if (contacts.length > MAX_BATCH_CREATE) throw invalidArgument(`Too many contacts in the request: ${contacts.length}; at most ${MAX_BATCH_CREATE} are allowed.`);
        const unknown = Object.keys(body).find((k) => !['contacts', 'readMask', 'sources'].includes(k));
        if (unknown) throw invalidArgument(`Invalid JSON payload received. Unknown name "${unknown}": Cannot find field.`);
        const people = contacts.map((c: unknown, i: number) => {
          const wrapper = c as { contactPerson?: unknown };
          if (!wrapper || typeof wrapper !== 'object' || wrapper.contactPerson === undefined) throw invalidArgument(`contacts[${i}].contact_person is required.`);
          return checkNewPerson(wrapper.contactPerson, `contacts[${i}].contact_person`);
        });
        return quota.mutate(() => ({
          createdPeople: people.map((p) => {
            const stored = store.create(p);
            return { httpStatusCode: 200, requestedResourceName: stored.person.resourceName, person: presentPerson(stored, mask), status: {} };
          }),
        }));
      },
    },
    'PATCH people/*:updateContactPhoto': {
      kind: 'write',
      run: async ({ req, json }) => {
        const resourceName = req.path.slice('/v1/'.length, -':updateContactPhoto'.length);
        const body = await json();
        validatePeopleBody(body, 'UpdateContactPhotoRequest', 'request');
        const bytes = Buffer.from(String(body.photoBytes ?? ''), 'base64');
        const contentType = imageType(bytes);
        if (!contentType) throw invalidArgument('photo_bytes is not a valid image (JPEG, PNG, GIF, BMP or WebP).');
        const stored = person(resourceName);
        const mask = body.personFields ? parseMask(String(body.personFields), 'personFields') : undefined;
        return quota.mutate(() => {
          store.setPhoto(resourceName, bytes, contentType);
          return mask ? { person: presentPerson(stored, mask) } : {};
        });
      },
    },
    'GET people/*': {
      kind: 'read',
      run: ({ req }) => presentPerson(person(req.path.slice('/v1/'.length)), parseMask(req.query.get('personFields'), 'personFields')),
    },
    'GET contactGroups': {
      kind: 'read',
      run: ({ req }) => {
        const size = pageSizeOf(req.query.get('pageSize'), 1000, 30);
        const offset = offsetOf(req.query.get('pageToken'));
        const all = [...store.groups.values()];
        const contactGroups = all.slice(offset, offset + size).map((g) => ({
          resourceName: g.resourceName,
          etag: `%${Buffer.from(g.resourceName).toString('base64url')}`,
          name: g.name,
          formattedName: g.name,
          groupType: g.groupType,
          memberCount: [...store.persons.values()].filter((p) => p.person.memberships?.some((m) => m.contactGroupMembership?.contactGroupResourceName === g.resourceName)).length,
        }));
        return { contactGroups, totalItems: all.length, ...(offset + size < all.length && { nextPageToken: tokenOf(offset + size) }) };
      },
    },
    'POST contactGroups': {
      kind: 'write',
      run: async ({ json }) => {
        const body = await json();
        const group = body.contactGroup;
        validatePeopleBody(group, 'ContactGroup', 'contact_group');
        const name = (group as { name?: unknown }).name;
        if (typeof name !== 'string' || name.trim() === '') throw invalidArgument('contact_group.name is required.');
        if (store.groupNamed(name)) throw new PeopleError(409, 'Contact group with the same name already exists.', [], {}, 'ALREADY_EXISTS');
        return quota.mutate(() => {
          const made = store.createGroup(name);
          return { resourceName: made.resourceName, etag: `%${Buffer.from(made.resourceName).toString('base64url')}`, name, formattedName: name, groupType: made.groupType, memberCount: 0 };
        });
      },
    },
  };

  function methodOf(req: SandboxRequest): Method | undefined {
    const path = req.path.replace(/^\/v1\//, '');
    const exact = methods[`${req.method} ${path}`];
    if (exact) return exact;
    if (/^people\/[^/:]+:updateContactPhoto$/.test(path)) return methods[`${req.method} people/*:updateContactPhoto`];
    if (/^people\/c\d+$/.test(path)) return methods[`${req.method} people/*`];
    return undefined;
  }

  return async function handle(req: SandboxRequest): Promise<SandboxReply> {
    const method = methodOf(req);
    if (!req.path.startsWith('/v1/') || !method) return new PeopleError(404, `Method not found: ${req.method} ${req.path}`).reply();
    const scopes = method.kind === 'read' ? READ_SCOPES : WRITE_SCOPES;
    const check = tokens.check('google', req.headers.authorization, scopes);
    if (!check.ok) return check.reason === 'insufficient-scope' ? insufficientScopes(scopes) : invalidCredentials();
    try {
      quota.take(method.kind);
      const result = await method.run({ req, json: async () => parseJsonObject(await req.body()) });
      return { status: 200, body: result };
    } catch (error) {
      if (error instanceof PeopleError) return error.reply();
      throw error;
    }
  };
}

function parseJsonObject(body: Buffer): Record<string, unknown> {
  try {
    const value = JSON.parse(body.toString('utf8') || '{}') as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw invalidArgument('Invalid JSON payload received.');
}

/** The image type of the bytes by their signature, as Google only takes images. */
export function imageType(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes.subarray(0, 4).toString('latin1') === '\x89PNG') return 'image/png';
  if (bytes.subarray(0, 3).toString('latin1') === 'GIF') return 'image/gif';
  if (bytes.subarray(0, 2).toString('latin1') === 'BM') return 'image/bmp';
  if (bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return undefined;
}
