/**
 * A sample Facebook "Download your information" export in JSON format, from the structure Facebook's 2024
 * exports show (adapters/facebook/README.md): albums in `your_facebook_activity/posts/album/<n>.json`, posts in
 * `your_posts__check_ins__photos_and_videos_1.json`, media under `posts/media/<album>_<id>/`, strings as
 * Latin-1 mojibake of UTF-8. Photos are JPEGs with EXIF from the photo sample's writers.
 * Run alone: `npx tsx tests/sandbox/sample-data/facebook.ts OUTDIR`.
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withExif } from '../../../model/exif-write';
import { solidJpeg } from './jpeg-encode';
import { writeZip, type ZipEntryToWrite } from './zip-file';

export const FACEBOOK_ZIP = 'facebook-analima-2025-03-14-XyZ123.zip';
const ROOT = 'your_facebook_activity/posts';

export interface ExpectedFacebookPhoto {
  album: string;
  fileName: string;
  captureTime: string;
  description?: string;
  bytes: Uint8Array;
}

export interface ExpectedFacebookPost {
  published: string;
  text?: string;
  attachments: string[];
  link?: string;
}

function metaJson(value: unknown): string {
  const mojibake = (text: string) => Array.from(new TextEncoder().encode(text), (b) => String.fromCharCode(b)).join('');
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? mojibake(v) : v), 2);
  return text.replace(/[\u0080-\u00ff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const seconds = (iso: string): number => Date.parse(iso) / 1000;

export async function writeSampleFacebook(dir: string): Promise<{ zip: string; photos: ExpectedFacebookPhoto[]; posts: ExpectedFacebookPost[] }> {
  const entries: ZipEntryToWrite[] = [];
  const photos: ExpectedFacebookPhoto[] = [];
  const photo = (folder: string, id: number, taken: string, uploaded: string, description: string, colour: [number, number, number], album: string) => {
    const uri = `${ROOT}/media/${folder}/${id}.jpg`;
    const bytes = withExif(solidJpeg(20, 16, colour), { make: 'Apple', model: 'iPhone 15', taken: taken.slice(0, 19), takenOffset: '+00:00' });
    entries.push({ path: uri, bytes });
    photos.push({ album, fileName: `${id}.jpg`, captureTime: taken, ...(description && { description }), bytes });
    return { uri, creation_timestamp: seconds(uploaded), media_metadata: { photo_metadata: { exif_data: [{ taken_timestamp: seconds(taken) }] } }, title: album, description };
  };
  const lisbon = [
    photo('Lisbon2023_10160', 10161, '2023-06-14T10:15:00Z', '2023-06-20T08:00:00Z', 'Pastéis de nata — the best ones', [228, 87, 46], 'Lisboa 2023 ☀️'),
    photo('Lisbon2023_10160', 10162, '2023-06-15T19:30:00Z', '2023-06-20T08:00:00Z', '', [58, 123, 213], 'Lisboa 2023 ☀️'),
  ];
  entries.push({ path: `${ROOT}/album/0.json`, bytes: metaJson({ name: 'Lisboa 2023 ☀️', photos: lisbon, cover_photo: lisbon[0], last_modified_timestamp: seconds('2023-06-20T08:05:00Z'), description: 'Two weeks by the sea' }) });
  const timeline = photo('TimelinePhotos_10170', 10171, '2024-02-10T12:00:00Z', '2024-02-10T12:30:00Z', '', [118, 176, 65], 'Facebook posts');
  photos[photos.length - 1]!.description = 'Snow day in the garden ❄️';
  const posts = [
    { timestamp: seconds('2024-02-10T12:30:00Z'), attachments: [{ data: [{ media: timeline }] }], data: [{ post: 'Snow day in the garden ❄️' }], title: 'Ana Lima updated her status.', tags: [{ name: 'João Silva' }] },
    { timestamp: seconds('2023-01-05T09:00:00Z'), data: [{ post: 'Happy new year!\n\nSee you all soon & take care <3' }], title: 'Ana Lima updated her status.' },
    { timestamp: seconds('2022-11-11T11:11:00Z'), attachments: [{ data: [{ external_context: { url: 'https://example.org/article?id=7&ref=fb' } }] }], data: [{ post: 'Worth a read' }], title: 'Ana Lima shared a link.' },
    { timestamp: seconds('2022-10-01T08:00:00Z'), title: 'Ana Lima updated her cover photo.' },
  ];
  entries.push({ path: `${ROOT}/your_posts__check_ins__photos_and_videos_1.json`, bytes: metaJson(posts) });
  entries.push({ path: 'personal_information/profile_information/profile_information.json', bytes: metaJson({ profile_v2: { name: { full_name: 'Ana Lima' } } }) });
  const zip = join(resolve(dir), FACEBOOK_ZIP);
  await writeZip(zip, entries);
  return {
    zip,
    photos,
    posts: [
      { published: '2022-11-11T11:11:00Z', text: 'Worth a read', attachments: [], link: 'https://example.org/article?id=7&ref=fb' },
      { published: '2023-01-05T09:00:00Z', text: 'Happy new year!\n\nSee you all soon & take care <3', attachments: [] },
      { published: '2024-02-10T12:30:00Z', text: 'Snow day in the garden ❄️', attachments: [timeline.uri] },
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [out] = process.argv.slice(2);
  if (!out) throw new Error('usage: tsx tests/sandbox/sample-data/facebook.ts OUTDIR');
  console.log(`wrote ${(await writeSampleFacebook(out)).zip}`);
}
