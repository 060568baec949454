/**
 * A deterministic sample photo library in the archive layout: `<dir>/photos/<album>/<file>` plus a
 * `<file>.json` sidecar (model/media-sidecar.ts). Generated photos are small solid-colour JPEGs carrying EXIF
 * (camera, DateTimeOriginal, GPS on every third one); videos are MP4 containers of seeded bytes (not playable,
 * but typed video/mp4), one of ~12 MB so chunked and resumable uploads run. The real-world photos in
 * `/work/shared/fixtures/photos/` (when present) form one more album. Same seed, same bytes.
 * Run alone: `npx tsx tests/sandbox/sample-data/photos.ts OUTDIR [PHOTOS] [SEED]`.
 */
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { exifInstant, readExif } from '../../../model/exif';
import { mediaTypeOf, writeSidecar, type MediaSidecar } from '../../../model/media-sidecar';
import { SHARED_DIR } from '../../harness/paths';
import { withExif } from '../../../model/exif-write';
import { solidJpeg } from './jpeg-encode';
import { SeededRandom } from './random';

export const REAL_WORLD_ALBUM = 'Real world';
export const FIXTURE_PHOTOS_DIR = join(SHARED_DIR, 'fixtures', 'photos');
/** The one large video: above every single-request upload threshold, not a multiple of any chunk size. */
export const BIG_VIDEO_BYTES = 12 * 1024 * 1024 + 12_345;

const ALBUM_NAMES = ['Summer in Lisbon', 'Family', 'Street & City', 'Pets 🐾', 'Hiking', 'Winter'];
const COLOURS: [number, number, number][] = [
  [58, 123, 213],
  [228, 87, 46],
  [118, 176, 65],
  [255, 201, 20],
  [142, 68, 173],
  [46, 40, 42],
];
const SIZES: [number, number][] = [
  [16, 16],
  [24, 16],
  [16, 24],
];
const CAMERAS: [string, string][] = [
  ['Canon', 'Canon EOS 80D'],
  ['Google', 'Pixel 8'],
  ['Apple', 'iPhone 15'],
];
const PLACES = [
  { lat: 38.7223, lon: -9.1393 },
  { lat: 52.52, lon: 13.405 },
  { lat: -33.8688, lon: 151.2093 },
  { lat: 40.7128, lon: -74.006 },
];
const DESCRIPTIONS = ['Sunset over the river', 'Grandma’s 90th — everyone came', 'Café on the corner, Zürich', 'First snow ❄️', 'The view from the top'];

export interface SamplePhotoOptions {
  photos?: number;
  videos?: number;
  albums?: number;
  seed?: number;
  /** Add the real-world photos from ../shared when present (default true). */
  realWorld?: boolean;
  /**
   * Camera-sized photos: each JPEG padded after its end marker (where decoders stop reading) with seeded
   * bytes to a size in [min, max]. Default: the tiny JPEGs as they are.
   */
  photoBytes?: [number, number];
  /** Size of the first video (default BIG_VIDEO_BYTES); written as a stream, so 1 GiB never sits in memory. */
  bigVideoBytes?: number;
}

export interface SampleMediaFile {
  album: string;
  fileName: string;
  /** Path below `<dir>/photos`. */
  path: string;
  mimeType: string;
  sizeBytes: number;
  sidecar: MediaSidecar;
}

const pad = (n: number) => String(n).padStart(2, '0');
const wallTime = (ms: number) => new Date(ms).toISOString().slice(0, 19);

/** The head of an MP4 file: an `ftyp` box and the header of an `mdat` box that fills the rest. */
function videoHead(bytes: number): Uint8Array {
  const ftyp = [0, 0, 0, 24, ...new TextEncoder().encode('ftypisom'), 0, 0, 2, 0, ...new TextEncoder().encode('isomavc1')];
  const mdatSize = bytes - ftyp.length;
  return Uint8Array.from([...ftyp, (mdatSize >>> 24) & 0xff, (mdatSize >>> 16) & 0xff, (mdatSize >>> 8) & 0xff, mdatSize & 0xff, ...new TextEncoder().encode('mdat')]);
}

/** Seeded filler bytes (an LCG's high bytes), `count` of them in pieces of at most `piece`. */
function* filler(count: number, seed: number, piece = 1 << 20): Generator<Uint8Array> {
  let state = seed >>> 0;
  for (let left = count; left > 0; ) {
    const out = new Uint8Array(Math.min(piece, left));
    for (let i = 0; i < out.length; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      out[i] = state >>> 24;
    }
    left -= out.length;
    yield out;
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** An MP4 file: an `ftyp` box and an `mdat` box of seeded bytes, as pieces. */
function* sampleVideo(bytes: number, random: SeededRandom): Generator<Uint8Array> {
  const head = videoHead(bytes);
  yield head;
  yield* filler(bytes - head.length, random.int(1, 0x7fffffff));
}

async function writeItem(root: string, file: Omit<SampleMediaFile, 'path' | 'sizeBytes'>, bytes: Uint8Array | Iterable<Uint8Array>): Promise<SampleMediaFile> {
  const folder = join(root, file.album);
  await mkdir(folder, { recursive: true });
  let size = 0;
  if (bytes instanceof Uint8Array) {
    await writeFile(join(folder, file.fileName), bytes);
    size = bytes.length;
  } else {
    const counted = (function* () {
      for (const piece of bytes) {
        size += piece.length;
        yield piece;
      }
    })();
    await pipeline(Readable.from(counted), createWriteStream(join(folder, file.fileName)));
  }
  await writeFile(join(folder, `${file.fileName}.json`), writeSidecar(file.sidecar));
  return { ...file, path: `${file.album}/${file.fileName}`, sizeBytes: size };
}

function albumNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => (i < ALBUM_NAMES.length ? ALBUM_NAMES[i]! : `Album ${i + 1}`));
}

async function fixtureFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await fixtureFiles(path)));
    else if (mediaTypeOf(entry.name)) found.push(path);
  }
  return found.sort();
}

/** The real-world photos, flattened into one album under names that say where they came from. */
async function writeRealWorld(root: string): Promise<SampleMediaFile[]> {
  if (!existsSync(FIXTURE_PHOTOS_DIR)) {
    console.warn(`[sample photos] ${FIXTURE_PHOTOS_DIR} not found: the real-world album is left out`);
    return [];
  }
  const written: SampleMediaFile[] = [];
  for (const [order, path] of (await fixtureFiles(FIXTURE_PHOTOS_DIR)).entries()) {
    const bytes = new Uint8Array(await readFile(path));
    const fileName = relative(FIXTURE_PHOTOS_DIR, path).split(/[\\/]/).join('-');
    const exif = readExif(bytes);
    const sidecar: MediaSidecar = { albumOrder: order };
    const taken = exifInstant(exif);
    if (taken) sidecar.captureTime = taken;
    if (exif?.location) sidecar.location = exif.location;
    written.push(await writeItem(root, { album: REAL_WORLD_ALBUM, fileName, mimeType: mediaTypeOf(fileName)!, sidecar }, bytes));
  }
  return written;
}

export async function writeSamplePhotos(dir: string, opts: SamplePhotoOptions = {}): Promise<SampleMediaFile[]> {
  const { photos = 200, videos = 5, albums = 4, seed = 1, realWorld = true, photoBytes, bigVideoBytes = BIG_VIDEO_BYTES } = opts;
  const random = new SeededRandom(seed);
  const root = join(resolve(dir), 'photos');
  const names = albumNames(albums);
  const orders = new Map<string, number>();
  const nextOrder = (album: string) => {
    const order = orders.get(album) ?? 0;
    orders.set(album, order + 1);
    return order;
  };
  let clock = Date.UTC(2023, 0, 1, 9, 0, 0);
  const written: SampleMediaFile[] = [];
  for (let i = 0; i < photos + videos; i++) {
    clock += random.int(1, 40) * 3_600_000 + random.int(0, 3599) * 1000;
    const album = names[i % names.length]!;
    const isVideo = i >= photos;
    const sidecar: MediaSidecar = { captureTime: `${wallTime(clock)}Z`, albumOrder: nextOrder(album) };
    if (i % 3 === 1) sidecar.description = `${random.pick(DESCRIPTIONS)} (#${i + 1})`;
    if (i % 25 === 7) sidecar.title = `Favourite ${i + 1}`;
    if (isVideo) {
      const v = i - photos;
      const size = v === 0 ? bigVideoBytes : random.int(40_000, 160_000);
      const fileName = `VID_${new Date(clock).getUTCFullYear()}${pad(v + 1)}.mp4`;
      written.push(await writeItem(root, { album, fileName, mimeType: 'video/mp4', sidecar }, sampleVideo(size, random)));
      continue;
    }
    const [make, model] = random.pick(CAMERAS);
    const [width, height] = random.pick(SIZES);
    const location = i % 3 === 0 ? random.pick(PLACES) : undefined;
    const jpeg = withExif(solidJpeg(width, height, random.pick(COLOURS)), { make, model, taken: wallTime(clock), takenOffset: '+00:00', ...(location && { location }) });
    const read = readExif(jpeg)?.location;
    if (read) sidecar.location = read;
    const padding = photoBytes ? Math.max(0, random.int(photoBytes[0], photoBytes[1]) - jpeg.length) : 0;
    const bytes = padding ? concat([jpeg, ...filler(padding, random.int(1, 0x7fffffff))]) : jpeg;
    written.push(await writeItem(root, { album, fileName: `IMG_${String(1000 + i)}.jpg`, mimeType: 'image/jpeg', sidecar }, bytes));
  }
  if (realWorld) written.push(...(await writeRealWorld(root)));
  return written;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [out, count, seed] = process.argv.slice(2);
  if (!out) {
    console.error('usage: tsx tests/sandbox/sample-data/photos.ts OUTDIR [PHOTOS] [SEED]');
    process.exit(2);
  }
  const files = await writeSamplePhotos(out, { photos: count ? Number(count) : undefined, seed: seed ? Number(seed) : undefined });
  console.log(`wrote ${files.length} photos and videos under ${join(resolve(out), 'photos')}`);
}
