/**
 * The Graph v1.0 resources Ferry reads and writes for contacts, as the CSDL names them
 * (https://learn.microsoft.com/graph/api/resources/contact).
 */
export interface GraphExtendedProperty {
  id: string;
  value: string;
}
export interface GraphPhysicalAddress {
  street?: string | null;
  city?: string | null;
  state?: string | null;
  postalCode?: string | null;
  countryOrRegion?: string | null;
}
export interface GraphEmailAddress {
  address?: string | null;
  name?: string | null;
}
export interface GraphContact {
  id: string;
  parentFolderId?: string;
  displayName?: string | null;
  givenName?: string | null;
  middleName?: string | null;
  surname?: string | null;
  title?: string | null;
  generation?: string | null;
  nickName?: string | null;
  yomiGivenName?: string | null;
  yomiSurname?: string | null;
  emailAddresses?: GraphEmailAddress[];
  homePhones?: string[];
  businessPhones?: string[];
  mobilePhone?: string | null;
  homeAddress?: GraphPhysicalAddress;
  businessAddress?: GraphPhysicalAddress;
  otherAddress?: GraphPhysicalAddress;
  companyName?: string | null;
  department?: string | null;
  jobTitle?: string | null;
  birthday?: string | null;
  businessHomePage?: string | null;
  personalNotes?: string | null;
  categories?: string[];
  lastModifiedDateTime?: string;
  singleValueExtendedProperties?: GraphExtendedProperty[];
}
export interface GraphContactFolder {
  id: string;
  displayName: string;
  parentFolderId?: string;
}
export interface GraphCollection<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}
