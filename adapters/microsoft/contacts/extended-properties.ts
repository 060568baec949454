/**
 * What Ferry keeps on an Outlook contact beyond Graph v1.0's own properties, as single-value extended
 * properties (https://learn.microsoft.com/graph/api/resources/extended-properties-overview):
 * - FerrySourceKey and FerryUid, named properties in Ferry's own property set (as on calendar events);
 * - Outlook's own MAPI properties that Graph v1.0 does not surface but Outlook shows: the wedding
 *   anniversary (PidTagWeddingAnniversary, 0x3A41), the fax numbers (PidTagBusinessFaxNumber 0x3A24,
 *   PidTagHomeFaxNumber 0x3A25), the pager (PidTagPagerTelephoneNumber 0x3A21) and the other phone
 *   (PidTagOtherTelephoneNumber 0x3A1F), https://learn.microsoft.com/office/client-developer/outlook/mapi/mapi-properties.
 */
import { odataString } from '../client';
import type { GraphContact, GraphExtendedProperty } from './api-types';

const FERRY_PROPERTY_SET = '{94f743c4-3c01-43a1-834e-679d08b7b632}';
export const SOURCE_KEY_PROPERTY = `String ${FERRY_PROPERTY_SET} Name FerrySourceKey`;
export const UID_PROPERTY = `String ${FERRY_PROPERTY_SET} Name FerryUid`;
export const ANNIVERSARY_PROPERTY = 'SystemTime 0x3A41';
export const BUSINESS_FAX_PROPERTY = 'String 0x3A24';
export const HOME_FAX_PROPERTY = 'String 0x3A25';
export const PAGER_PROPERTY = 'String 0x3A21';
export const OTHER_PHONE_PROPERTY = 'String 0x3A1F';

const READ_PROPERTIES = [UID_PROPERTY, ANNIVERSARY_PROPERTY, BUSINESS_FAX_PROPERTY, HOME_FAX_PROPERTY, PAGER_PROPERTY, OTHER_PHONE_PROPERTY];

/** `$expand` of the properties an export reads. */
export const EXPAND_CONTACT_PROPERTIES = `singleValueExtendedProperties($filter=${READ_PROPERTIES.map((id) => `id eq ${odataString(id)}`).join(' or ')})`;
export const EXPAND_SOURCE_KEY = `singleValueExtendedProperties($filter=id eq ${odataString(SOURCE_KEY_PROPERTY)})`;

export const property = (id: string, value: string): GraphExtendedProperty => ({ id, value });

// Graph may spell a property id with other letter case, and a tag in other hex case, than it was written with.
export const propertyValue = (contact: GraphContact, id: string): string | undefined =>
  contact.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === id.toLowerCase())?.value;
