/**
 * A chosen file that is truncated, damaged, not a zip, or not the export asked for stops the export with a
 * sentence naming the file and what is wrong; a missing part of a split Takeout is named; a photo whose file
 * is in no chosen part fails alone, saying so.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeout } from '../../../adapters/takeout/descriptor';
import { AdapterError, type Exporter } from '../../../model/adapter';
import type { MediaItem } from '../../../model/media';
import { archiveContext, chosenFiles, exportEverything } from '../../conformance/archive-transfer';
import { TAKEOUT_STEM, writeSampleTakeout, type SampleTakeout } from '../../sandbox/sample-data/takeout';
import { writeZip } from '../../sandbox/sample-data/zip-file';

let dir: string;
let sample: SampleTakeout;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-archive-errors-'));
  sample = await writeSampleTakeout(dir, { mail: 4, events: 6, contacts: 4, tasks: 4 });
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const photos = async (paths: string[]): Promise<Exporter> => takeout.dataTypes.photos!.export!.create(archiveContext(await chosenFiles(paths)));

async function failure(run: () => Promise<unknown>): Promise<AdapterError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AdapterError);
  return error as AdapterError;
}

describe('archive sources: what is wrong with a chosen file', () => {
  it('a truncated zip is named as incomplete', async () => {
    const whole = await readFile(sample.parts[1]!);
    const path = join(dir, `${TAKEOUT_STEM}-002.zip`.replace('002', '002-cut'));
    await writeFile(path, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const error = await failure(async () => (await photos([sample.parts[0]!, path])).exportPage(undefined));
    expect(error.errorClass).toBe('fatal');
    expect(error.message).toMatch(/^takeout-20250314T101500Z-002-cut\.zip is incomplete: .*did not finish downloading/);
  });

  it('a zip whose table of contents is damaged is named as damaged', async () => {
    const bytes = new Uint8Array(await readFile(sample.parts[1]!));
    const directory = Buffer.from(bytes).lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    for (let i = directory; i < directory + 40; i++) bytes[i] = 0xee;
    const path = join(dir, 'damaged.zip');
    await writeFile(path, bytes);
    const error = await failure(async () => (await photos([path])).exportPage(undefined));
    expect(error.message).toMatch(/^damaged\.zip (is damaged|is incomplete)/);
  });

  it('a file that is no zip at all says so', async () => {
    const path = join(dir, 'holiday.zip');
    await writeFile(path, '%PDF-1.7 this is a document, not an archive');
    const error = await failure(async () => (await photos([path])).exportPage(undefined));
    expect(error.message).toBe('holiday.zip is not a zip file (it does not begin as a zip does), so Ferry cannot read it: choose the .zip file the service sent you.');
  });

  it('a zip that is not a Takeout is named as such', async () => {
    const path = join(dir, 'takeout-2025-001.zip');
    await writeZip(path, [{ path: 'Documents/notes.txt', bytes: 'hello' }]);
    const error = await failure(async () => (await photos([path])).exportPage(undefined));
    expect(error.message).toMatch(/^takeout-2025-001\.zip is not a Google Takeout export: it has no Takeout\/ folder\./);
  });

  it('a missing part of a split Takeout is named', async () => {
    const third = join(dir, `${TAKEOUT_STEM}-003.zip`);
    await writeZip(third, [{ path: 'Takeout/archive_browser.html', bytes: '<html></html>' }]);
    const error = await failure(async () => (await photos([sample.parts[0]!, third])).exportPage(undefined));
    expect(error.message).toBe(`${TAKEOUT_STEM}-002.zip is missing: this export came in several zip files and all of them must be chosen together. Choose it too.`);
  });

  it('a Takeout without the product asked for says what to ask Google for', async () => {
    const path = join(dir, 'takeout-20250101T000000Z-001.zip');
    await writeZip(path, [{ path: 'Takeout/Drive/report.pdf', bytes: '%PDF' }]);
    const exporter = takeout.dataTypes.tasks!.export!.create(archiveContext(await chosenFiles([path])));
    const error = await failure(() => exporter.exportPage(undefined));
    expect(error.message).toMatch(/^takeout-20250101T000000Z-001\.zip holds no Google Tasks \(no Takeout\/Tasks\/ folder\)/);
  });

  it('with the last part not chosen, each photo described but absent fails alone, saying why', async () => {
    const exporter = await photos([sample.parts[0]!]);
    const { items } = await exportEverything(exporter);
    const absent = items.find((i) => (i.data as MediaItem).fileName === 'VID_20230702_150000.mp4');
    expect(absent, 'the video whose file is in part 2 is still listed').toBeDefined();
    expect((absent!.data as MediaItem).description).toBe('Waves at Cascais');
    expect(Date.parse((absent!.data as MediaItem).captureTime!)).toBe(Date.parse('2023-07-02T15:00:00Z'));
    const error = await failure(() => exporter.openContent!(absent!, 0));
    expect(error.errorClass).toBe('skip');
    expect(error.message).toBe(
      '“VID_20230702_150000.mp4” is described in Takeout/Google Photos/Photos from 2023/VID_20230702_150000.mp4.supplemental-metadata.json (in takeout-20250314T101500Z-001.zip) but its file is in none of the chosen zip files: if your Takeout came in several zip files, choose all of them.',
    );
  });

  it('a damaged photo inside a readable zip fails alone, naming the photo and the zip', async () => {
    const bytes = new Uint8Array(await readFile(sample.parts[0]!));
    const path = join(dir, `${TAKEOUT_STEM}-001.zip`.replace('-001', '-9-001'));
    const name = Buffer.from('Takeout/Google Photos/Photos from 2023/IMG_20230616_120000.jpg');
    const at = Buffer.from(bytes).indexOf(name) + name.length;
    for (let i = at + 40; i < at + 80; i++) bytes[i] = bytes[i]! ^ 0x5a;
    await writeFile(path, bytes);
    const exporter = await photos([path]);
    const { items } = await exportEverything(exporter);
    const damaged = items.find((i) => (i.data as MediaItem).fileName === 'IMG_20230616_120000.jpg');
    expect(damaged).toBeDefined();
    const content = await exporter.openContent!(damaged!, 0);
    const error = await failure(async () => {
      for await (const chunk of content.body as unknown as AsyncIterable<Uint8Array>) void chunk;
    });
    expect(error.errorClass).toBe('skip');
    expect(error.message).toMatch(/^Takeout\/Google Photos\/Photos from 2023\/IMG_20230616_120000\.jpg in takeout-20250314T101500Z-9-001\.zip is damaged and cannot be read/);
  });
});
