/**
 * Ids shaped like Exchange's (URL-safe base64 with an `AAMk` prefix). An occurrence has no stored item:
 * its id encodes the series master's id and the occurrence's original start, so it can be resolved.
 */
import { createHash, randomBytes } from 'node:crypto';

export const newItemId = (): string => `AAMkAGI2${randomBytes(33).toString('base64url')}=`;

export const newChangeKey = (): string => randomBytes(12).toString('base64');

/** Exchange's goid-style iCalUId for events a client created. */
export const newICalUId = (): string => `040000008200E00074C5B7101A82E00800000000${randomBytes(28).toString('hex').toUpperCase()}`;

const OCCURRENCE_PREFIX = 'AAMkOcc';

export const occurrenceId = (masterId: string, originalStartUtc: string): string =>
  `${OCCURRENCE_PREFIX}${Buffer.from(JSON.stringify([masterId, originalStartUtc])).toString('base64url')}`;

export const parseOccurrenceId = (id: string): { masterId: string; originalStartUtc: string } | undefined => {
  if (!id.startsWith(OCCURRENCE_PREFIX)) return undefined;
  try {
    const [masterId, originalStartUtc] = JSON.parse(Buffer.from(id.slice(OCCURRENCE_PREFIX.length), 'base64url').toString('utf8')) as unknown[];
    return typeof masterId === 'string' && typeof originalStartUtc === 'string' ? { masterId, originalStartUtc } : undefined;
  } catch {
    return undefined;
  }
};

/** Graph's occurrenceId for a cancelled occurrence: `OID.{seriesMasterId}.{date}`. */
export const cancelledOccurrenceId = (masterId: string, date: string): string => `OID.${masterId}.${date}`;

export const fingerprint = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('base64url');

/**
 * Exchange's iCalUId of one instance of a series: the master's GlobalObjectId with the instance date
 * in bytes 16–19 (MS-OXOCAL 2.2.1.27). UIDs that are not GlobalObjectIds stay as they are.
 */
export const instanceICalUId = (masterUid: string, date: string): string => {
  if (!/^040000008200E00074C5B7101A82E008[0-9A-F]+$/i.test(masterUid)) return masterUid;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const bytes = `${y.toString(16).padStart(4, '0')}${m.toString(16).padStart(2, '0')}${d.toString(16).padStart(2, '0')}`.toUpperCase();
  return `${masterUid.slice(0, 32)}${bytes}${masterUid.slice(40)}`;
};
