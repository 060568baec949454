/**
 * The People API v1 resources Ferry reads and writes, as the discovery document names them
 * (https://people.googleapis.com/$discovery/rest?version=v1).
 */
export interface PeopleDate {
  year?: number;
  month?: number;
  day?: number;
}
export interface FieldMetadata {
  primary?: boolean;
  sourcePrimary?: boolean;
  source?: { type?: string; id?: string; updateTime?: string };
}
interface Field {
  metadata?: FieldMetadata;
}
export interface PersonName extends Field {
  displayName?: string;
  givenName?: string;
  familyName?: string;
  middleName?: string;
  honorificPrefix?: string;
  honorificSuffix?: string;
  phoneticGivenName?: string;
  phoneticMiddleName?: string;
  phoneticFamilyName?: string;
  unstructuredName?: string;
}
export interface TypedValue extends Field {
  value?: string;
  type?: string;
  formattedType?: string;
}
export interface PersonAddress extends Field {
  streetAddress?: string;
  extendedAddress?: string;
  poBox?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
  formattedValue?: string;
  type?: string;
}
export interface PersonOrganization extends Field {
  name?: string;
  department?: string;
  title?: string;
}
export interface PersonEvent extends Field {
  date?: PeopleDate;
  type?: string;
}
export interface Person {
  resourceName?: string;
  etag?: string;
  metadata?: { sources?: { type?: string; updateTime?: string }[] };
  names?: PersonName[];
  nicknames?: TypedValue[];
  emailAddresses?: TypedValue[];
  phoneNumbers?: TypedValue[];
  addresses?: PersonAddress[];
  organizations?: PersonOrganization[];
  birthdays?: { date?: PeopleDate; text?: string; metadata?: FieldMetadata }[];
  events?: PersonEvent[];
  urls?: TypedValue[];
  biographies?: { value?: string; contentType?: string; metadata?: FieldMetadata }[];
  photos?: { url?: string; default?: boolean; metadata?: FieldMetadata }[];
  memberships?: { contactGroupMembership?: { contactGroupResourceName?: string; contactGroupId?: string } }[];
  clientData?: { key?: string; value?: string; metadata?: FieldMetadata }[];
}
export interface ListConnectionsResponse {
  connections?: Person[];
  nextPageToken?: string;
  totalItems?: number;
}
export interface ContactGroup {
  resourceName: string;
  etag?: string;
  name?: string;
  formattedName?: string;
  groupType?: 'GROUP_TYPE_UNSPECIFIED' | 'USER_CONTACT_GROUP' | 'SYSTEM_CONTACT_GROUP';
  memberCount?: number;
}
export interface ListContactGroupsResponse {
  contactGroups?: ContactGroup[];
  nextPageToken?: string;
}
export interface PersonResponse {
  httpStatusCode?: number;
  person?: Person;
  requestedResourceName?: string;
  status?: { code?: number; message?: string };
}
export interface BatchCreateContactsResponse {
  createdPeople?: PersonResponse[];
}
