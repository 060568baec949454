/**
 * What arrived against what left, counted by content: duplicates (more copies than the source holds) and
 * missing items. Photos and videos by the SHA-256 of their bytes as Google serves them (a photo's `=d`
 * download drops its location), contacts and mail by the harness's content keys (tests/harness/*-facts.ts).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { readContactFacts } from '../harness/contact-facts';
import { readMailFacts } from '../harness/mail-facts';
import { stripLocation } from '../sandbox/google/photos/strip-location';

export interface Arrival {
  expected: number;
  arrived: number;
  duplicates: number;
  missing: number;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : Promise.resolve([path.join(dir, e.name)]))));
  return nested.flat();
}

async function mediaHashes(dir: string, asServed: boolean): Promise<string[]> {
  const files = (await filesUnder(path.join(dir, 'photos'))).filter((f) => !f.endsWith('.json'));
  const hashes: string[] = [];
  for (const file of files) {
    const bytes = await readFile(file);
    const served = asServed && /\.jpe?g$/i.test(file) ? stripLocation(bytes) : bytes;
    hashes.push(createHash('sha256').update(served).digest('hex'));
  }
  return hashes;
}

function compare(left: Map<string, number>, arrived: Map<string, number>): Arrival {
  let duplicates = 0;
  let missing = 0;
  for (const [key, want] of left) {
    const got = arrived.get(key) ?? 0;
    if (got > want) duplicates += got - want;
    if (got < want) missing += want - got;
  }
  for (const [key, got] of arrived) if (!left.has(key)) duplicates += got;
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return { expected: sum(left), arrived: sum(arrived), duplicates, missing };
}

const tally = (keys: string[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
};

const tallyLists = <T>(map: Map<string, T[]>): Map<string, number> => new Map([...map].map(([k, list]) => [k, list.length]));

/** `sourceDir`: the archive the source was seeded from; `arrivedDir`: the destination's dump. */
export async function countArrival(dataType: 'photos' | 'contacts' | 'mail', sourceDir: string, arrivedDir: string): Promise<Arrival> {
  if (dataType === 'photos') return compare(tally(await mediaHashes(sourceDir, true)), tally(await mediaHashes(arrivedDir, false)));
  if (dataType === 'contacts') return compare(tallyLists(await readContactFacts(sourceDir)), tallyLists(await readContactFacts(arrivedDir)));
  return compare(tallyLists(await readMailFacts(sourceDir)), tallyLists(await readMailFacts(arrivedDir)));
}
