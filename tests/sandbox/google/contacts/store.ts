/**
 * The account's contacts as Google holds them: Person resources (`people/c<digits>`), contact groups
 * (`contactGroups/<id>`, with Google's system groups), and each contact's photo bytes, served at
 * `https://lh3.googleusercontent.com/contacts-photo/<id>`. Persons are answered through a person-fields mask.
 */
import { randomBytes } from 'node:crypto';
import type { Person } from '../../../../adapters/google/contacts/api-types';
import { invalidArgument } from './errors';
import { PERSON_FIELD_NAMES } from './schema';

export const PHOTO_HOST = 'lh3.googleusercontent.com';
export const PHOTO_PATH = '/contacts-photo/';

export interface StoredPerson {
  person: Person;
  photo?: { bytes: Buffer; contentType: string };
  updateTime: string;
}

export interface StoredGroup {
  resourceName: string;
  name: string;
  groupType: 'USER_CONTACT_GROUP' | 'SYSTEM_CONTACT_GROUP';
}

/** Google's system groups every account has (contactGroups.list answers them alongside the user's own). */
const SYSTEM_GROUPS = ['myContacts', 'starred', 'friends', 'family', 'coworkers', 'chatBuddies', 'all', 'blocked'];

const newId = (): string => BigInt(`0x${randomBytes(7).toString('hex')}`).toString();

export class PeopleStore {
  readonly persons = new Map<string, StoredPerson>();
  readonly groups = new Map<string, StoredGroup>();

  constructor(private readonly now: () => number) {
    this.reset();
  }

  reset(): void {
    this.persons.clear();
    this.groups.clear();
    for (const id of SYSTEM_GROUPS) this.groups.set(`contactGroups/${id}`, { resourceName: `contactGroups/${id}`, name: id, groupType: 'SYSTEM_CONTACT_GROUP' });
  }

  private stamp(): string {
    return new Date(this.now()).toISOString();
  }

  groupNamed(name: string): StoredGroup | undefined {
    return [...this.groups.values()].find((g) => g.groupType === 'USER_CONTACT_GROUP' && g.name === name);
  }

  createGroup(name: string): StoredGroup {
    const group: StoredGroup = { resourceName: `contactGroups/${randomBytes(6).toString('hex')}`, name, groupType: 'USER_CONTACT_GROUP' };
    this.groups.set(group.resourceName, group);
    return group;
  }

  /** Stores a new contact as Google would: in myContacts, with the memberships it named. */
  create(person: Person): StoredPerson {
    const resourceName = `people/c${newId()}`;
    const memberships = [...(person.memberships ?? [])];
    for (const m of memberships) {
      const name = m.contactGroupMembership?.contactGroupResourceName;
      if (!name || !this.groups.has(name)) throw invalidArgument(`Contact group resource name "${name ?? ''}" is not valid.`);
    }
    if (!memberships.some((m) => m.contactGroupMembership?.contactGroupResourceName === 'contactGroups/myContacts')) {
      memberships.push({ contactGroupMembership: { contactGroupResourceName: 'contactGroups/myContacts' } });
    }
    const stored: StoredPerson = { person: { ...person, resourceName, memberships }, updateTime: this.stamp() };
    this.persons.set(resourceName, stored);
    return stored;
  }

  setPhoto(resourceName: string, bytes: Buffer, contentType: string): StoredPerson {
    const stored = this.persons.get(resourceName)!;
    stored.photo = { bytes, contentType };
    stored.updateTime = this.stamp();
    return stored;
  }

  photoOf(id: string): StoredPerson['photo'] {
    return this.persons.get(`people/${id}`)?.photo;
  }
}

/** A comma-separated person-fields mask, checked as Google checks it (required; only known names). */
export function parseMask(raw: string | null, parameter: string): Set<string> {
  if (!raw) throw invalidArgument(`${parameter} is required. Please specify one or more valid paths. Valid paths are documented at https://developers.google.com/people/api/rest/v1/people/get.`);
  const fields = raw.split(',').map((f) => f.trim().replace(/^person\./, '')).filter(Boolean);
  const unknown = fields.find((f) => !(PERSON_FIELD_NAMES as readonly string[]).includes(f));
  if (unknown) throw invalidArgument(`Invalid ${parameter} path: "${unknown}". Valid paths are documented at https://developers.google.com/people/api/rest/v1/people/get.`);
  return new Set(fields);
}

const CONTACT_SOURCE = (id: string, updateTime: string) => ({ source: { type: 'CONTACT', id, updateTime } });

/** A Person as Google answers it: the masked fields, each with its source metadata, and computed names. */
export function presentPerson(stored: StoredPerson, mask: Set<string>): Person {
  const person = stored.person;
  const id = person.resourceName!.slice('people/c'.length);
  const out: Record<string, unknown> = { resourceName: person.resourceName, etag: `%${Buffer.from(stored.updateTime).toString('base64url')}` };
  const withSource = <T extends object>(list: T[] | undefined, first = true) =>
    list?.map((field, i) => ({ ...field, metadata: { ...(first && i === 0 ? { primary: true } : {}), ...CONTACT_SOURCE(id, stored.updateTime) } }));
  for (const field of mask) {
    if (field === 'metadata') out.metadata = { sources: [{ type: 'CONTACT', id, updateTime: stored.updateTime }], objectType: 'PERSON' };
    else if (field === 'names' && person.names?.length) {
      out.names = withSource(person.names.map((n) => ({ ...n, displayName: displayNameOf(n) })));
    } else if (field === 'photos') {
      out.photos = stored.photo
        ? [{ url: `https://${PHOTO_HOST}${PHOTO_PATH}c${id}`, metadata: { primary: true, ...CONTACT_SOURCE(id, stored.updateTime) } }]
        : [{ url: `https://${PHOTO_HOST}${PHOTO_PATH}default`, default: true, metadata: { primary: true, source: { type: 'PROFILE', id } } }];
    } else if (field === 'memberships') {
      out.memberships = person.memberships?.map((m) => ({
        contactGroupMembership: { ...m.contactGroupMembership, contactGroupId: m.contactGroupMembership?.contactGroupResourceName?.split('/')[1] },
        metadata: { source: { type: 'CONTACT', id } },
      }));
    } else {
      const value = (person as Record<string, unknown>)[field];
      if (Array.isArray(value) && value.length) out[field] = withSource(value as object[], field !== 'clientData');
    }
  }
  return out as Person;
}

function displayNameOf(n: NonNullable<Person['names']>[number]): string {
  return n.unstructuredName ?? [n.honorificPrefix, n.givenName, n.middleName, n.familyName, n.honorificSuffix].filter(Boolean).join(' ');
}
