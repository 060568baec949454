/**
 * The contacts every conformance target is seeded with and imports: between them every model field,
 * typed and preferred entries, birthdays with and without a year, an anniversary, several groups, a photo.
 */
import type { Contact } from '../../model/contact';
import type { VCardEntry } from '../../model/contact-vcard';
import { TINY_JPEG } from '../sandbox/sample-data/contacts';

const base = (uid: string, given: string, family: string): Contact => ({
  uid,
  name: { given, family, formatted: `${given} ${family}` },
  nicknames: [],
  emails: [],
  phones: [],
  addresses: [],
  urls: [],
  groups: [],
});

export const CANONICAL_CONTACTS: VCardEntry[] = [
  {
    contact: {
      ...base('conformance-ada', 'Ada', 'Lovelace'),
      name: { prefix: 'Dr.', given: 'Ada', middle: 'King', family: 'Lovelace', suffix: 'PhD', phoneticGiven: 'AY-da', phoneticMiddle: 'KING', phoneticFamily: 'LUV-lace', formatted: 'Dr. Ada King Lovelace PhD' },
      nicknames: ['Countess', 'Enchantress'],
      emails: [
        { value: 'ada@home.example', types: ['home'] },
        { value: 'ada@work.example', types: ['work'] },
        { value: 'ada@other.example', types: ['other'] },
      ],
      phones: [
        { value: '+44 20 7946 0001', types: ['cell'] },
        { value: '+44 20 7946 0002', types: ['home'] },
        { value: '+44 20 7946 0003', types: ['work'] },
        { value: '+44 20 7946 0004', types: ['work', 'fax'] },
        { value: '+44 20 7946 0005', types: ['pager'] },
      ],
      addresses: [
        { value: { street: '12 St James’s Square', locality: 'London', region: 'England', postalCode: 'SW1Y 4JH', country: 'United Kingdom' }, types: ['home'] },
        { value: { street: '1 Analytical Way', locality: 'Cambridge', postalCode: 'CB2 1TN', country: 'United Kingdom' }, types: ['work'] },
      ],
      organization: 'Analytical Engines Ltd',
      department: 'Mathematics',
      title: 'Programmer',
      birthday: { year: 1815, month: 12, day: 10 },
      anniversary: { year: 1835, month: 7, day: 8 },
      urls: [
        { value: 'https://ada.example/work', types: ['work'] },
        { value: 'https://ada.example/blog', types: ['blog'] },
      ],
      note: 'First programmer.\nWrote the notes on the Analytical Engine; ünïcödé and “quotes”.',
      groups: ['Family', 'Friends'],
    },
    photo: { contentType: 'image/jpeg', bytes: TINY_JPEG },
  },
  {
    contact: {
      ...base('conformance-grace', 'Grace', 'Hopper'),
      emails: [{ value: 'grace@navy.example', types: ['work'] }],
      phones: [{ value: '+1 202 555 0100', types: ['cell'] }],
      birthday: { month: 12, day: 9 },
      groups: ['Work'],
    },
  },
  {
    contact: { ...base('conformance-kenji', 'Kenji', 'Sato'), name: { given: '健二', family: '佐藤', phoneticGiven: 'けんじ', phoneticFamily: 'さとう', formatted: '健二 佐藤' }, note: 'No groups, no photo.' },
  },
];

/** `count` plain contacts, for the paging case. */
export const pagingContacts = (count: number): VCardEntry[] =>
  Array.from({ length: count }, (_, i) => ({ contact: { ...base(`paging-${i}`, `Person${i}`, 'Paging'), emails: [{ value: `p${i}@paging.example`, types: ['home'] }] } }));
