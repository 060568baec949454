/**
 * An archive source never loads a chosen file whole: listing reads the zips' tables of contents and the
 * sidecars, and a large video is streamed in bounded pieces. Measured on the chosen File itself: what its
 * slices hand out whole (arrayBuffer) and in pieces (stream).
 */
import { openAsBlob } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeout } from '../../../adapters/takeout/descriptor';
import type { MediaItem } from '../../../model/media';
import { archiveContext, exportEverything } from '../../conformance/archive-transfer';
import { writeZip } from '../../sandbox/sample-data/zip-file';

const VIDEO_BYTES = 24 * 1024 * 1024;
/** The largest slice a read may take: zip.js reads in chunks far below this. */
const MAX_SLICE = 2 * 1024 * 1024;

let dir: string;
let zip: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-slices-'));
  zip = join(dir, 'takeout-20250101T000000Z-001.zip');
  const video = new Uint8Array(VIDEO_BYTES);
  for (let i = 0; i < video.length; i += 4096) video[i] = i & 0xff;
  await writeZip(zip, [
    { path: 'Takeout/Google Photos/Photos from 2024/VID_1.mp4', bytes: video },
    { path: 'Takeout/Google Photos/Photos from 2024/VID_1.mp4.supplemental-metadata.json', bytes: JSON.stringify({ title: 'VID_1.mp4', description: 'Big', photoTakenTime: { timestamp: '1704067200' } }) },
  ]);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Every read of the file, in bytes: each `arrayBuffer()` of a slice whole, each piece of a slice's `stream()`. */
async function spiedFile(path: string, name: string): Promise<{ file: File; slices: number[] }> {
  const file = new File([await openAsBlob(path)], name);
  const slices: number[] = [];
  const slice = file.slice.bind(file);
  file.slice = (start?: number, end?: number, type?: string) => {
    const blob = slice(start, end, type);
    const whole = blob.arrayBuffer.bind(blob);
    const stream = blob.stream.bind(blob);
    blob.arrayBuffer = async () => {
      slices.push(blob.size);
      return whole();
    };
    blob.stream = () => stream().pipeThrough(new TransformStream<Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>>({ transform: (piece, out) => void (slices.push(piece.length), out.enqueue(piece)) }));
    return blob;
  };
  return { file, slices };
}

describe('archive sources read by slice', () => {
  it('lists a 24 MB export reading a few kilobytes, and streams the video in bounded slices', async () => {
    const { file, slices } = await spiedFile(zip, 'takeout-20250101T000000Z-001.zip');
    const exporter = takeout.dataTypes.photos!.export!.create(archiveContext([file]));
    const { items } = await exportEverything(exporter);
    expect(items.map((i) => (i.data as MediaItem).description)).toEqual(['Big']);
    const listed = slices.reduce((a, b) => a + b, 0);
    expect(listed, `listing read ${listed} bytes`).toBeLessThan(256 * 1024);

    slices.length = 0;
    const content = await exporter.openContent!(items[0]!, 0);
    let received = 0;
    for await (const chunk of content.body as unknown as AsyncIterable<Uint8Array>) received += chunk.length;
    expect(received).toBe(VIDEO_BYTES);
    expect(Math.max(...slices), 'largest single read').toBeLessThanOrEqual(MAX_SLICE);
    expect(slices.reduce((a, b) => a + b, 0), 'the video read about once').toBeLessThan(VIDEO_BYTES * 1.1);
  });
});
