/**
 * A sample Instagram "Download your information" export in JSON format, from the structure Instagram's exports
 * show (adapters/instagram/README.md): `your_instagram_activity/content/posts_1.json` listing the newest post
 * first, media under `media/posts/YYYYMM/`, every non-ASCII character escaped as Latin-1 mojibake of its UTF-8
 * bytes as Instagram writes it, and JPEGs without EXIF (Instagram strips it). `expected` says what an exporter
 * must find, oldest first. Run alone: `npx tsx tests/sandbox/sample-data/instagram.ts OUTDIR`.
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { solidJpeg } from './jpeg-encode';
import { writeZip, type ZipEntryToWrite } from './zip-file';

export const INSTAGRAM_ZIP = 'instagram-ana.lima-2025-03-14-AbCdEfGh.zip';

export interface ExpectedInstagramMedia {
  fileName: string;
  captureTime: string;
  description?: string;
  location?: { lat: number; lon: number };
  mimeType: string;
  albumOrder: number;
  bytes: Uint8Array;
}

interface PostSpec {
  time: string;
  caption: string;
  media: { colour?: [number, number, number]; video?: boolean; location?: { lat: number; lon: number } }[];
}

/** Oldest first; the file lists them the other way round. */
const POSTS: PostSpec[] = [
  { time: '2019-08-03T18:22:10Z', caption: 'Old town of Porto 🌉 #travel', media: [{ colour: [200, 120, 40] }] },
  { time: '2021-02-14T09:00:00Z', caption: 'Brunch: café, croissants et crème brûlée', media: [{ colour: [90, 60, 30], location: { lat: 48.8566, lon: 2.3522 } }] },
  { time: '2023-06-15T20:45:00Z', caption: 'Lisbon weekend — 3 photos, swipe →', media: [{ colour: [228, 87, 46] }, { colour: [58, 123, 213] }, { colour: [118, 176, 65] }] },
  { time: '2023-07-02T15:00:00Z', caption: 'Waves 🌊', media: [{ video: true }] },
  { time: '2024-12-31T23:59:00Z', caption: '', media: [{ colour: [20, 20, 20] }] },
];

/** Instagram's JSON: every character above U+007F as the \u00XX escapes of its UTF-8 bytes. */
function instagramJson(value: unknown): string {
  const mojibake = (text: string) => Array.from(new TextEncoder().encode(text), (b) => String.fromCharCode(b)).join('');
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? mojibake(v) : v), 2);
  return text.replace(/[\u0080-\u00ff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function videoBytes(seed: number): Uint8Array {
  const video = new Uint8Array(24_000);
  video.set([0, 0, 0, 24, ...new TextEncoder().encode('ftypisom'), 0, 0, 2, 0, ...new TextEncoder().encode('isomavc1')]);
  for (let i = 24; i < video.length; i++) video[i] = (i * seed) & 0xff;
  return video;
}

export async function writeSampleInstagram(dir: string): Promise<{ zip: string; expected: ExpectedInstagramMedia[] }> {
  const entries: ZipEntryToWrite[] = [];
  const expected: ExpectedInstagramMedia[] = [];
  const posts: unknown[] = [];
  let id = 17_900_000_000_000_000;
  for (const post of POSTS) {
    const seconds = Date.parse(post.time) / 1000;
    const month = post.time.slice(0, 7).replace('-', '');
    const media = post.media.map((m) => {
      id += 1_234_567;
      const fileName = `${id}.${m.video ? 'mp4' : 'jpg'}`;
      const uri = `media/posts/${month}/${fileName}`;
      const bytes = m.video ? videoBytes(id % 97) : solidJpeg(20, 20, m.colour!);
      entries.push({ path: uri, bytes });
      const item: ExpectedInstagramMedia = { fileName, captureTime: post.time, mimeType: m.video ? 'video/mp4' : 'image/jpeg', albumOrder: expected.length, bytes };
      if (post.caption) item.description = post.caption;
      if (m.location) item.location = m.location;
      expected.push(item);
      const json: Record<string, unknown> = { uri, creation_timestamp: seconds, title: post.media.length === 1 ? post.caption : '', cross_post_source: { source_app: 'FB' } };
      if (m.location) json.media_metadata = { photo_metadata: { exif_data: [{ latitude: m.location.lat, longitude: m.location.lon }] } };
      return json;
    });
    posts.unshift(post.media.length > 1 ? { media, title: post.caption, creation_timestamp: seconds } : { media });
  }
  entries.push({ path: 'your_instagram_activity/content/posts_1.json', bytes: instagramJson(posts) });
  entries.push({ path: 'personal_information/personal_information/personal_information.json', bytes: instagramJson({ profile_user: [{ string_map_data: { Username: { value: 'ana.lima' }, Name: { value: 'Ana Lima' } } }] }) });
  entries.push({ path: 'your_instagram_activity/likes/liked_posts.json', bytes: instagramJson({ likes_media_likes: [] }) });
  const zip = join(resolve(dir), INSTAGRAM_ZIP);
  await writeZip(zip, entries);
  return { zip, expected };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [out] = process.argv.slice(2);
  if (!out) throw new Error('usage: tsx tests/sandbox/sample-data/instagram.ts OUTDIR');
  console.log(`wrote ${(await writeSampleInstagram(out)).zip}`);
}
