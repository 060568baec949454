/**
 * A dumped account's photos and videos as a person sees them, from the archive layout (`photos/<album>/<file>`
 * beside `<file>.json`): the album, the file's own bytes (SHA-256), and what the sidecar says. Keyed by file name.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { locateExif, readExif, TAG, TiffReader } from '../../model/exif';

export interface PhotoFacts {
  album: string;
  bytes: string;
  /** Milliseconds since the epoch: the same instant written with another offset is the same. */
  captureTime?: number;
  description?: string;
  /** Whether the sidecar or the file's own EXIF names a place. */
  located: boolean;
  /** Whether the file has an EXIF GPS block (not compared: it tells where Google's download changes the bytes). */
  gpsBlock: boolean;
}

export type PhotoFactName = Exclude<keyof PhotoFacts, 'gpsBlock'>;
export const PHOTO_FACTS: readonly PhotoFactName[] = ['album', 'bytes', 'captureTime', 'description', 'located'];

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : Promise.resolve([path.join(dir, e.name)]))));
  return nested.flat();
}

/** The file's EXIF has a GPS block, even an empty one: what Google's download takes out. */
function hasGpsBlock(bytes: Uint8Array): boolean {
  const block = locateExif(bytes);
  if (!block) return false;
  try {
    const tiff = new TiffReader(bytes, block);
    return tiff.entries(tiff.firstIfd()).some((e) => e.tag === TAG.gpsIfd);
  } catch {
    return false;
  }
}

export async function readPhotoFacts(dir: string): Promise<Map<string, PhotoFacts>> {
  const root = path.join(dir, 'photos');
  const facts = new Map<string, PhotoFacts>();
  for (const file of (await filesUnder(root)).filter((f) => !f.endsWith('.json')).sort()) {
    const sidecar = JSON.parse(await readFile(`${file}.json`, 'utf8').catch(() => '{}')) as Record<string, unknown>;
    const bytes = await readFile(file);
    const fact: PhotoFacts = {
      album: path.relative(root, path.dirname(file)),
      bytes: createHash('sha256').update(bytes).digest('hex').slice(0, 16),
      located: (typeof sidecar.location === 'object' && sidecar.location !== null) || Boolean(readExif(bytes)?.location),
      gpsBlock: hasGpsBlock(bytes),
    };
    if (typeof sidecar.captureTime === 'string') fact.captureTime = Date.parse(sidecar.captureTime);
    if (typeof sidecar.description === 'string' && sidecar.description) fact.description = sidecar.description;
    const name = path.basename(file);
    if (facts.has(name)) throw new Error(`two files named ${name} in the dump: a duplicate`);
    facts.set(name, fact);
  }
  return facts;
}

export function diffPhotos(left: Map<string, PhotoFacts>, arrived: Map<string, PhotoFacts>, mayDiffer: (f: PhotoFacts) => ReadonlySet<PhotoFactName>): string[] {
  const problems: string[] = [];
  for (const [name, want] of left) {
    const got = arrived.get(name);
    if (!got) {
      problems.push(`${name}: missing at the destination`);
      continue;
    }
    const lossy = mayDiffer(want);
    for (const fact of PHOTO_FACTS) {
      if (!lossy.has(fact) && JSON.stringify(want[fact]) !== JSON.stringify(got[fact])) problems.push(`${name}: ${fact} ${JSON.stringify(want[fact])} → ${JSON.stringify(got[fact])}`);
    }
  }
  for (const name of arrived.keys()) if (!left.has(name)) problems.push(`${name}: at the destination but never at the source`);
  return problems;
}
