/**
 * adapters/google/contacts/map.ts: a model contact → the Person Ferry creates (and what Google cannot hold),
 * and a Person as the People API answers it → the model contact.
 */
import { describe, expect, it } from 'vitest';
import { SOURCE_KEY, UID_KEY, fromPerson, toPerson } from '../../../adapters/google/contacts/map';
import type { Contact } from '../../../model/contact';
import { CANONICAL_CONTACTS } from '../../conformance/contacts-fixtures';

const ada = CANONICAL_CONTACTS[0]!.contact;
const groups = new Map([
  ['Family', 'contactGroups/fam'],
  ['Friends', 'contactGroups/fri'],
]);

describe('toPerson', () => {
  it('maps every field to the People API’s own, with the source key and UID in clientData', () => {
    const { person, lost } = toPerson(ada, 'src:ada', groups);
    expect(person.names).toEqual([
      { givenName: 'Ada', familyName: 'Lovelace', middleName: 'King', honorificPrefix: 'Dr.', honorificSuffix: 'PhD', phoneticGivenName: 'AY-da', phoneticMiddleName: 'KING', phoneticFamilyName: 'LUV-lace' },
    ]);
    expect(person.nicknames).toEqual([{ value: 'Countess' }, { value: 'Enchantress' }]);
    expect(person.phoneNumbers?.map((p) => p.type)).toEqual(['mobile', 'home', 'work', 'workFax', 'pager']);
    expect(person.emailAddresses?.map((e) => e.type)).toEqual(['home', 'work', 'other']);
    expect(person.addresses?.[0]).toEqual({ streetAddress: '12 St James’s Square', city: 'London', region: 'England', postalCode: 'SW1Y 4JH', country: 'United Kingdom', type: 'home' });
    expect(person.organizations).toEqual([{ name: 'Analytical Engines Ltd', department: 'Mathematics', title: 'Programmer' }]);
    expect(person.birthdays).toEqual([{ date: { year: 1815, month: 12, day: 10 } }]);
    expect(person.events).toEqual([{ type: 'anniversary', date: { year: 1835, month: 7, day: 8 } }]);
    expect(person.urls).toEqual([{ value: 'https://ada.example/work', type: 'work' }, { value: 'https://ada.example/blog', type: 'blog' }]);
    expect(person.biographies).toEqual([{ value: ada.note, contentType: 'TEXT_PLAIN' }]);
    expect(person.memberships).toEqual([{ contactGroupMembership: { contactGroupResourceName: 'contactGroups/fam' } }, { contactGroupMembership: { contactGroupResourceName: 'contactGroups/fri' } }]);
    expect(person.clientData).toEqual([{ key: SOURCE_KEY, value: 'src:ada' }, { key: UID_KEY, value: 'conformance-ada' }]);
    expect(person.photos).toBeUndefined();
    expect(lost).toEqual([]);
  });

  it('keeps a birthday without a year, marks the preferred entry, reports extra types', () => {
    const contact: Contact = { ...ada, birthday: { month: 2, day: 29 }, emails: [{ value: 'a@x', types: ['home', 'work'], preferred: true }] };
    const { person, lost } = toPerson(contact, 'k', groups);
    expect(person.birthdays).toEqual([{ date: { month: 2, day: 29 } }]);
    expect(person.emailAddresses).toEqual([{ value: 'a@x', type: 'home', metadata: { sourcePrimary: true } }]);
    expect(lost).toEqual([{ field: 'emails.types', reason: expect.stringContaining('"work" was dropped') }]);
  });

  it('writes a name with no parts as the unstructured name', () => {
    const { person } = toPerson({ ...ada, name: { formatted: 'Cher' } }, 'k', groups);
    expect(person.names).toEqual([{ unstructuredName: 'Cher' }]);
  });
});

describe('fromPerson', () => {
  it('reads a Person as the People API answers it', () => {
    const contact = fromPerson(
      {
        resourceName: 'people/c1',
        names: [{ displayName: 'Grace Hopper', givenName: 'Grace', familyName: 'Hopper', metadata: { primary: true } }],
        emailAddresses: [{ value: 'g@navy.example', type: 'work', formattedType: 'Work', metadata: { primary: true } }],
        phoneNumbers: [{ value: '+1 202', type: 'homeFax' }],
        birthdays: [{ date: { month: 12, day: 9 } }],
        events: [{ type: 'anniversary', date: { year: 1930, month: 6, day: 15 } }],
        memberships: [{ contactGroupMembership: { contactGroupResourceName: 'contactGroups/fam' } }, { contactGroupMembership: { contactGroupResourceName: 'contactGroups/myContacts' } }],
        photos: [{ url: 'https://lh3.googleusercontent.com/contacts-photo/c1' }],
        clientData: [{ key: UID_KEY, value: 'uid-grace' }],
        metadata: { sources: [{ type: 'CONTACT', updateTime: '2025-01-02T03:04:05Z' }] },
      },
      new Map([['contactGroups/fam', 'Family']]),
    );
    expect(contact).toEqual({
      uid: 'uid-grace',
      name: { formatted: 'Grace Hopper', given: 'Grace', family: 'Hopper' },
      nicknames: [],
      emails: [{ value: 'g@navy.example', types: ['work'], preferred: true }],
      phones: [{ value: '+1 202', types: ['home', 'fax'] }],
      addresses: [],
      urls: [],
      groups: ['Family'],
      birthday: { month: 12, day: 9 },
      anniversary: { year: 1930, month: 6, day: 15 },
      updated: '2025-01-02T03:04:05Z',
      photo: { contentType: 'image/jpeg', sourceUrl: 'https://lh3.googleusercontent.com/contacts-photo/c1' },
    });
  });

  it('leaves out Google’s default (placeholder) photo', () => {
    expect(fromPerson({ resourceName: 'people/c2', photos: [{ url: 'https://x/default', default: true }] }, new Map()).photo).toBeUndefined();
  });
});
