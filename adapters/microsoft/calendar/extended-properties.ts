/**
 * What Ferry keeps on an Outlook event beyond Graph's own fields, as single-value extended properties
 * (MAPI named properties in a property set of Ferry's own:
 * https://learn.microsoft.com/graph/api/resources/extended-properties-overview).
 * - FerrySourceKey: the source key, so a lost answer or a second run finds the event ($filter on it).
 * - FerryOrigin: the model's iCalendar UID (Graph's iCalUId is read-only) and the IANA zones the event
 *   was written with (Graph keeps only the Windows zone, which stands for many IANA zones).
 */
import { odataString } from '../client';
import type { GraphEvent, GraphExtendedProperty } from './api-types';

const FERRY_PROPERTY_SET = '{94f743c4-3c01-43a1-834e-679d08b7b632}';
export const SOURCE_KEY_PROPERTY = `String ${FERRY_PROPERTY_SET} Name FerrySourceKey`;
export const ORIGIN_PROPERTY = `String ${FERRY_PROPERTY_SET} Name FerryOrigin`;

export interface FerryOrigin {
  uid: string;
  startTimeZone?: string;
  endTimeZone?: string;
}

export const sourceKeyProperty = (key: string): GraphExtendedProperty => ({ id: SOURCE_KEY_PROPERTY, value: key });
export const originProperty = (origin: FerryOrigin): GraphExtendedProperty => ({ id: ORIGIN_PROPERTY, value: JSON.stringify(origin) });

/** `$expand` of the origin property, so a listing carries it (https://learn.microsoft.com/graph/api/singlevaluelegacyextendedproperty-get). */
export const EXPAND_ORIGIN = `singleValueExtendedProperties($filter=id eq ${odataString(ORIGIN_PROPERTY)})`;
export const EXPAND_SOURCE_KEY = `singleValueExtendedProperties($filter=id eq ${odataString(SOURCE_KEY_PROPERTY)})`;

/** `$filter` for the events carrying this source key. */
export const sourceKeyFilter = (key: string): string =>
  `singleValueExtendedProperties/Any(ep: ep/id eq ${odataString(SOURCE_KEY_PROPERTY)} and ep/value eq ${odataString(key)})`;

// Graph may spell the property id with other letter case than it was written with.
const propertyValue = (event: GraphEvent, id: string): string | undefined =>
  event.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === id.toLowerCase())?.value;

export const sourceKeyOf = (event: GraphEvent): string | undefined => propertyValue(event, SOURCE_KEY_PROPERTY);

export function originOf(event: GraphEvent): FerryOrigin | undefined {
  const value = propertyValue(event, ORIGIN_PROPERTY);
  if (!value) return undefined;
  try {
    const origin = JSON.parse(value) as Partial<FerryOrigin>;
    return typeof origin.uid === 'string' ? (origin as FerryOrigin) : undefined;
  } catch {
    return undefined;
  }
}
