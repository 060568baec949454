/**
 * adapters/microsoft/contacts/map.ts: a model contact → Outlook's fixed slots (and what does not fit, reported
 * per item), and an Outlook contact → the model contact.
 */
import { describe, expect, it } from 'vitest';
import { ANNIVERSARY_PROPERTY, BUSINESS_FAX_PROPERTY, OTHER_PHONE_PROPERTY, PAGER_PROPERTY, UID_PROPERTY } from '../../../adapters/microsoft/contacts/extended-properties';
import { fromGraphContact, toGraphContact } from '../../../adapters/microsoft/contacts/map';
import type { Contact } from '../../../model/contact';
import { CANONICAL_CONTACTS } from '../../conformance/contacts-fixtures';

const ada = CANONICAL_CONTACTS[0]!.contact;

describe('toGraphContact', () => {
  it('fills Outlook’s slots and keeps the anniversary, fax and pager in Outlook’s own MAPI properties', () => {
    const { body, lost } = toGraphContact(ada, ['Family', 'Friends']);
    expect(body).toMatchObject({
      displayName: 'Dr. Ada King Lovelace PhD',
      givenName: 'Ada',
      middleName: 'King',
      surname: 'Lovelace',
      title: 'Dr.',
      generation: 'PhD',
      yomiGivenName: 'AY-da',
      yomiSurname: 'LUV-lace',
      nickName: 'Countess',
      mobilePhone: '+44 20 7946 0001',
      homePhones: ['+44 20 7946 0002'],
      businessPhones: ['+44 20 7946 0003'],
      companyName: 'Analytical Engines Ltd',
      department: 'Mathematics',
      jobTitle: 'Programmer',
      birthday: '1815-12-10T00:00:00Z',
      businessHomePage: 'https://ada.example/work',
      categories: ['Family', 'Friends'],
      homeAddress: { street: '12 St James’s Square', city: 'London', state: 'England', postalCode: 'SW1Y 4JH', countryOrRegion: 'United Kingdom' },
    });
    expect(body.emailAddresses).toHaveLength(3);
    expect(body.singleValueExtendedProperties).toEqual([
      { id: UID_PROPERTY, value: 'conformance-ada' },
      { id: BUSINESS_FAX_PROPERTY, value: '+44 20 7946 0004' },
      { id: PAGER_PROPERTY, value: '+44 20 7946 0005' },
      { id: ANNIVERSARY_PROPERTY, value: '1835-07-08T00:00:00Z' },
    ]);
    expect(lost.map((l) => l.field)).toEqual(['nicknames', 'urls']);
  });

  it('reports what has no slot: a fourth e-mail, a third home phone, dates without a year, a PO box', () => {
    const contact: Contact = {
      ...ada,
      emails: ['a', 'b', 'c', 'd'].map((x) => ({ value: `${x}@x`, types: [] })),
      phones: [
        { value: '1', types: ['home'] },
        { value: '2', types: ['home'] },
        { value: '3', types: ['home'] },
        { value: '4', types: ['home'] },
      ],
      birthday: { month: 2, day: 29 },
      anniversary: { month: 6, day: 1 },
      addresses: [{ value: { street: 'Main St', poBox: 'PO Box 7' }, types: ['home'] }],
      nicknames: [],
      urls: [],
    };
    const { body, lost } = toGraphContact(contact, []);
    expect(body.homePhones).toEqual(['1', '2']);
    expect(body.singleValueExtendedProperties).toContainEqual({ id: OTHER_PHONE_PROPERTY, value: '3' });
    expect(body.homeAddress?.street).toBe('Main St\nPO Box 7');
    expect(body.birthday).toBeUndefined();
    expect(lost.map((l) => l.field).sort()).toEqual(['addresses', 'anniversary', 'birthday', 'emails', 'phones']);
    expect(lost.find((l) => l.field === 'phones')?.reason).toContain('4');
  });
});

describe('fromGraphContact', () => {
  it('reads the slots back as typed entries and adds the folder name to the groups', () => {
    const contact = fromGraphContact(
      {
        id: 'AAMk1',
        displayName: 'Grace Hopper',
        givenName: 'Grace',
        surname: 'Hopper',
        emailAddresses: [{ address: 'g@navy.example', name: 'Grace' }],
        mobilePhone: '+1 1',
        homePhones: ['+1 2'],
        businessPhones: [],
        businessAddress: { street: '1 Navy Way', city: 'Arlington', state: 'VA', postalCode: '', countryOrRegion: '' },
        homeAddress: {},
        birthday: '1906-12-09T11:59:00Z',
        categories: ['VIP'],
        lastModifiedDateTime: '2025-01-02T03:04:05.123Z',
        singleValueExtendedProperties: [
          { id: UID_PROPERTY.toLowerCase(), value: 'uid-grace' },
          { id: 'SystemTime 0x3a41', value: '1930-06-15T00:00:00Z' },
        ],
      },
      'Work',
    );
    expect(contact).toEqual({
      uid: 'uid-grace',
      name: { formatted: 'Grace Hopper', given: 'Grace', family: 'Hopper' },
      nicknames: [],
      emails: [{ value: 'g@navy.example', types: [] }],
      phones: [
        { value: '+1 1', types: ['cell'] },
        { value: '+1 2', types: ['home'] },
      ],
      addresses: [{ value: { street: '1 Navy Way', locality: 'Arlington', region: 'VA' }, types: ['work'] }],
      urls: [],
      groups: ['VIP', 'Work'],
      birthday: { year: 1906, month: 12, day: 9 },
      anniversary: { year: 1930, month: 6, day: 15 },
      updated: '2025-01-02T03:04:05Z',
    });
  });
});
