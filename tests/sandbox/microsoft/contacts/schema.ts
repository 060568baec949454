/**
 * The Graph v1.0 contact types the sandbox validates and answers with, with the CSDL's own names and types
 * (microsoft-graph-v1.0-csdl.xml); contacts-schema.test.ts checks them against the CSDL when it is present.
 * `readOnly` marks what the service sets; navigation properties other than the extended properties and
 * the photo are not modelled (`unsupported`).
 */
import type { StructuredTypeSpec, PropertySpec } from '../calendar/schema';

const S: PropertySpec = { type: 'Edm.String' };
const SC: PropertySpec = { type: 'Edm.String', collection: true };
const RO = (type: string, extra: Omit<PropertySpec, 'type' | 'readOnly'> = {}): PropertySpec => ({ type, readOnly: true, ...extra });

export const CONTACT_TYPES: Record<string, StructuredTypeSpec> = {
  'graph.contact': {
    serviceName: 'Microsoft.OutlookServices.Contact',
    kind: 'EntityType',
    properties: {
      id: RO('Edm.String', { nullable: false }),
      categories: SC,
      changeKey: RO('Edm.String'),
      createdDateTime: RO('Edm.DateTimeOffset'),
      lastModifiedDateTime: RO('Edm.DateTimeOffset'),
      assistantName: S,
      birthday: { type: 'Edm.DateTimeOffset' },
      businessAddress: { type: 'graph.physicalAddress' },
      businessHomePage: S,
      businessPhones: SC,
      children: SC,
      companyName: S,
      department: S,
      displayName: S,
      emailAddresses: { type: 'graph.emailAddress', collection: true },
      fileAs: S,
      generation: S,
      givenName: S,
      homeAddress: { type: 'graph.physicalAddress' },
      homePhones: SC,
      imAddresses: SC,
      initials: S,
      jobTitle: S,
      manager: S,
      middleName: S,
      mobilePhone: S,
      nickName: S,
      officeLocation: S,
      otherAddress: { type: 'graph.physicalAddress' },
      parentFolderId: RO('Edm.String'),
      personalNotes: S,
      primaryEmailAddress: { type: 'graph.emailAddress' },
      profession: S,
      secondaryEmailAddress: { type: 'graph.emailAddress' },
      spouseName: S,
      surname: S,
      tertiaryEmailAddress: { type: 'graph.emailAddress' },
      title: S,
      yomiCompanyName: S,
      yomiGivenName: S,
      yomiSurname: S,
      extensions: { type: 'graph.extension', collection: true, navigation: true, unsupported: true },
      multiValueExtendedProperties: { type: 'graph.multiValueLegacyExtendedProperty', collection: true, navigation: true, unsupported: true },
      photo: { type: 'graph.profilePhoto', navigation: true, unsupported: true },
      singleValueExtendedProperties: { type: 'graph.singleValueLegacyExtendedProperty', collection: true, navigation: true },
    },
  },
  'graph.contactFolder': {
    serviceName: 'Microsoft.OutlookServices.ContactFolder',
    kind: 'EntityType',
    properties: {
      id: RO('Edm.String', { nullable: false }),
      displayName: S,
      parentFolderId: RO('Edm.String'),
      childFolders: { type: 'graph.contactFolder', collection: true, navigation: true, unsupported: true },
      contacts: { type: 'graph.contact', collection: true, navigation: true, unsupported: true },
      multiValueExtendedProperties: { type: 'graph.multiValueLegacyExtendedProperty', collection: true, navigation: true, unsupported: true },
      singleValueExtendedProperties: { type: 'graph.singleValueLegacyExtendedProperty', collection: true, navigation: true, unsupported: true },
    },
  },
  'graph.physicalAddress': {
    serviceName: 'Microsoft.OutlookServices.PhysicalAddress',
    kind: 'ComplexType',
    properties: { city: S, countryOrRegion: S, postalCode: S, state: S, street: S },
  },
};

/** The properties a contact's $select and $filter may name. */
export const CONTACT_PROPERTIES = Object.entries(CONTACT_TYPES['graph.contact']!.properties)
  .filter(([, p]) => !p.navigation)
  .map(([name]) => name);
