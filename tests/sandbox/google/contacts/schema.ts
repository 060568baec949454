/**
 * The People API v1 schemas the sandbox checks request bodies against: property names and JSON types of
 * Person and what it holds, from Google's discovery document (people-v1.json). Person properties Ferry never
 * writes are named with type 'any', so Google's other fields are accepted unchecked but an unknown one is
 * refused. contacts-schema.test.ts checks this against the document when it is available.
 */
export type PeopleFieldType =
  | 'string'
  | 'boolean'
  | 'integer'
  | 'any'
  | { readonly ref: PeopleSchemaName }
  | { readonly array: PeopleFieldType };

const ref = (name: PeopleSchemaName): PeopleFieldType => ({ ref: name });
const arrayOf = (name: PeopleSchemaName): PeopleFieldType => ({ array: ref(name) });

export type PeopleSchemaName =
  | 'Person'
  | 'Name'
  | 'Nickname'
  | 'EmailAddress'
  | 'PhoneNumber'
  | 'Address'
  | 'Organization'
  | 'Birthday'
  | 'Event'
  | 'Url'
  | 'Biography'
  | 'Photo'
  | 'Membership'
  | 'ContactGroupMembership'
  | 'ClientData'
  | 'Date'
  | 'FieldMetadata'
  | 'ContactGroup'
  | 'UpdateContactPhotoRequest';

const metadata = ref('FieldMetadata');

export const PEOPLE_SCHEMAS: Readonly<Record<PeopleSchemaName, Readonly<Record<string, PeopleFieldType>>>> = {
  Person: {
    addresses: arrayOf('Address'),
    ageRange: 'any',
    ageRanges: 'any',
    biographies: arrayOf('Biography'),
    birthdays: arrayOf('Birthday'),
    braggingRights: 'any',
    calendarUrls: 'any',
    clientData: arrayOf('ClientData'),
    coverPhotos: 'any',
    emailAddresses: arrayOf('EmailAddress'),
    etag: 'string',
    events: arrayOf('Event'),
    externalIds: 'any',
    fileAses: 'any',
    genders: 'any',
    imClients: 'any',
    interests: 'any',
    locales: 'any',
    locations: 'any',
    memberships: arrayOf('Membership'),
    metadata: 'any',
    miscKeywords: 'any',
    names: arrayOf('Name'),
    nicknames: arrayOf('Nickname'),
    occupations: 'any',
    organizations: arrayOf('Organization'),
    phoneNumbers: arrayOf('PhoneNumber'),
    photos: arrayOf('Photo'),
    relations: 'any',
    relationshipInterests: 'any',
    relationshipStatuses: 'any',
    residences: 'any',
    resourceName: 'string',
    sipAddresses: 'any',
    skills: 'any',
    taglines: 'any',
    urls: arrayOf('Url'),
    userDefined: 'any',
  },
  Name: {
    displayName: 'string',
    displayNameLastFirst: 'string',
    familyName: 'string',
    givenName: 'string',
    honorificPrefix: 'string',
    honorificSuffix: 'string',
    metadata,
    middleName: 'string',
    phoneticFamilyName: 'string',
    phoneticFullName: 'string',
    phoneticGivenName: 'string',
    phoneticHonorificPrefix: 'string',
    phoneticHonorificSuffix: 'string',
    phoneticMiddleName: 'string',
    unstructuredName: 'string',
  },
  Nickname: { metadata, type: 'string', value: 'string' },
  EmailAddress: { displayName: 'string', formattedType: 'string', metadata, type: 'string', value: 'string' },
  PhoneNumber: { canonicalForm: 'string', formattedType: 'string', metadata, type: 'string', value: 'string' },
  Address: {
    city: 'string',
    country: 'string',
    countryCode: 'string',
    extendedAddress: 'string',
    formattedType: 'string',
    formattedValue: 'string',
    metadata,
    poBox: 'string',
    postalCode: 'string',
    region: 'string',
    streetAddress: 'string',
    type: 'string',
  },
  Organization: {
    costCenter: 'string',
    current: 'boolean',
    department: 'string',
    domain: 'string',
    endDate: ref('Date'),
    formattedType: 'string',
    fullTimeEquivalentMillipercent: 'integer',
    jobDescription: 'string',
    location: 'string',
    metadata,
    name: 'string',
    phoneticName: 'string',
    startDate: ref('Date'),
    symbol: 'string',
    title: 'string',
    type: 'string',
  },
  Birthday: { date: ref('Date'), metadata, text: 'string' },
  Event: { date: ref('Date'), formattedType: 'string', metadata, type: 'string' },
  Url: { formattedType: 'string', metadata, type: 'string', value: 'string' },
  Biography: { contentType: 'string', metadata, value: 'string' },
  Photo: { default: 'boolean', metadata, url: 'string' },
  Membership: { contactGroupMembership: ref('ContactGroupMembership'), domainMembership: 'any', metadata },
  ContactGroupMembership: { contactGroupId: 'string', contactGroupResourceName: 'string' },
  ClientData: { key: 'string', metadata, value: 'string' },
  Date: { day: 'integer', month: 'integer', year: 'integer' },
  FieldMetadata: { primary: 'boolean', source: 'any', sourcePrimary: 'boolean', verified: 'boolean' },
  ContactGroup: {
    clientData: 'any',
    etag: 'string',
    formattedName: 'string',
    groupType: 'string',
    memberCount: 'integer',
    memberResourceNames: 'any',
    metadata: 'any',
    name: 'string',
    resourceName: 'string',
  },
  UpdateContactPhotoRequest: { personFields: 'string', photoBytes: 'string', sources: 'any' },
};

/** Biography.contentType values (discovery document enum). */
export const BIOGRAPHY_CONTENT_TYPES = ['CONTENT_TYPE_UNSPECIFIED', 'TEXT_PLAIN', 'TEXT_HTML'] as const;

/** The person fields a read mask may name (discovery document: personFields "Valid values are"). */
export const PERSON_FIELD_NAMES = [
  'addresses', 'ageRanges', 'biographies', 'birthdays', 'calendarUrls', 'clientData', 'coverPhotos', 'emailAddresses',
  'events', 'externalIds', 'genders', 'imClients', 'interests', 'locales', 'locations', 'memberships', 'metadata',
  'miscKeywords', 'names', 'nicknames', 'occupations', 'organizations', 'phoneNumbers', 'photos', 'relations',
  'sipAddresses', 'skills', 'urls', 'userDefined',
] as const;

const S = 'https://www.googleapis.com/auth';
/** Scopes per method, as the discovery document lists them. */
export const READ_SCOPES = [`${S}/contacts`, `${S}/contacts.readonly`] as const;
export const WRITE_SCOPES = [`${S}/contacts`] as const;
