/**
 * A chosen file that is not a whole Ferry archive stops the export with a sentence naming the file and saying what
 * to do: a truncated zip, a zip whose table of contents is damaged, a file that is no zip, a zip of something
 * else, a manifest of another format, an archive without the data type asked for. A zip made again from the
 * unpacked archive (everything one folder down) is read as the archive it is.
 */
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { archive } from '../../adapters/archive/descriptor';
import { AdapterError, type DataType } from '../../model/adapter';
import { writeZip } from '../sandbox/sample-data/zip-file';
import { ARCHIVE_ZIP, zipLayoutFolder } from '../sandbox/sample-data/archive';
import { archiveExporter, useSampleArchive } from './archive-read-fixture';
import { exportAll } from './export-all';

const { sample, dir } = useSampleArchive({ events: 10, contacts: 5, tasks: 5, mail: 4, photos: 2 });

async function failure(zip: string, dataType: DataType = 'calendar'): Promise<AdapterError> {
  const error = await exportAll(await archiveExporter(zip, dataType)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AdapterError);
  expect((error as AdapterError).errorClass).toBe('fatal');
  return error as AdapterError;
}

/** Where the zip's end-of-central-directory record starts. */
function endOfDirectory(bytes: Buffer): number {
  return bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
}

describe('Ferry archive: files that are not one', () => {
  it('a truncated zip is named as incomplete', async () => {
    const bytes = await readFile(sample().zip);
    const path = join(dir(), 'truncated', ARCHIVE_ZIP);
    await mkdir(join(dir(), 'truncated'), { recursive: true });
    await writeFile(path, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const error = await failure(path);
    expect(error.message).toContain(ARCHIVE_ZIP);
    expect(error.message).toMatch(/incomplete/);
  });

  it('a zip whose table of contents is damaged is named as damaged', async () => {
    const bytes = Buffer.from(await readFile(sample().zip));
    const directory = bytes.readUInt32LE(endOfDirectory(bytes) + 16);
    bytes.fill(0x41, directory, directory + 64);
    const path = join(dir(), 'corrupt.zip');
    await writeFile(path, bytes);
    const error = await failure(path);
    expect(error.message).toContain('corrupt.zip');
    expect(error.message).toMatch(/damaged/);
  });

  it('a file that is no zip is named as such', async () => {
    const path = join(dir(), 'notes.zip');
    await writeFile(path, 'These are my notes, not a zip file.\n');
    const error = await failure(path);
    expect(error.message).toContain('notes.zip');
    expect(error.message).toMatch(/is not a zip file/);
  });

  it('a zip of something else is named as not a Ferry archive', async () => {
    const path = join(dir(), 'holiday-photos.zip');
    await writeZip(path, [
      { path: 'Takeout/Google Photos/Trip/IMG_1.jpg', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]) },
      { path: 'readme.txt', bytes: 'hello' },
    ]);
    const error = await failure(path);
    expect(error.message).toContain('holiday-photos.zip is not a Ferry archive');
    expect(error.message).toMatch(/manifest\.json/);
  });

  it('a manifest of another format is named', async () => {
    const path = join(dir(), 'other-manifest.zip');
    await writeZip(path, [
      { path: 'manifest.json', bytes: JSON.stringify({ format: 'something-else' }) },
      { path: 'calendar/primary.ics', bytes: await readFile(join(sample().folder, 'calendar', 'primary.ics')) },
    ]);
    const error = await failure(path);
    expect(error.message).toContain('other-manifest.zip is not a Ferry archive');
    expect(error.message).toContain('"format": "ferry-archive"');
  });

  it('a manifest that is not JSON is named', async () => {
    const path = join(dir(), 'broken-manifest.zip');
    await writeZip(path, [{ path: 'manifest.json', bytes: '{ "format": ' }]);
    const error = await failure(path);
    expect(error.message).toContain('manifest.json in broken-manifest.zip is not valid JSON');
  });

  it('an archive without the data type asked for says so', async () => {
    const path = join(dir(), 'only-posts.zip');
    await writeZip(path, [
      { path: 'manifest.json', bytes: JSON.stringify({ format: 'ferry-archive' }) },
      { path: 'posts/outbox.json', bytes: await readFile(join(sample().folder, 'posts', 'outbox.json')) },
    ]);
    const error = await failure(path, 'files');
    expect(error.message).toContain('only-posts.zip holds no files (it has no files/ folder)');
    expect((await exportAll(await archiveExporter(path, 'posts'))).items).toHaveLength(sample().posts.length);
  });

  it('a data type the manifest says was written with nothing exports nothing, without an error', async () => {
    const path = join(dir(), 'empty-types.zip');
    await writeZip(path, [{ path: 'manifest.json', bytes: JSON.stringify({ format: 'ferry-archive', dataTypes: ['files', 'posts', 'mail'] }) }]);
    for (const dataType of ['files', 'posts', 'mail'] as const) {
      const { items } = await exportAll(await archiveExporter(path, dataType));
      expect(items, dataType).toEqual([]);
    }
    const error = await failure(path, 'calendar');
    expect(error.message).toContain('empty-types.zip holds no calendars (it has no calendar/ folder)');
  });

  it('a damaged file inside the archive is named with the zip', async () => {
    const bytes = Buffer.from(await readFile(sample().zip));
    const name = Buffer.from('calendar/primary.ics');
    const header = bytes.indexOf(Buffer.concat([name]), 0);
    const dataStart = header + name.length + bytes.readUInt16LE(header - 2);
    bytes.fill(0x00, dataStart + 10, dataStart + 200);
    const path = join(dir(), 'bitrot.zip');
    await writeFile(path, bytes);
    const error = await failure(path);
    expect(error.message).toMatch(/^calendar\/primary\.ics in bitrot\.zip is damaged and cannot be read/);
  });
});

describe('Ferry archive: a zip made again from the unpacked folder', () => {
  it('is read from the one folder everything is in', async () => {
    const path = join(dir(), 'rezipped.zip');
    const wrapper = join(dir(), 'wrapper');
    await mkdir(wrapper, { recursive: true });
    await cp(sample().folder, join(wrapper, 'My archive'), { recursive: true, preserveTimestamps: true });
    await zipLayoutFolder(wrapper, path);
    const { items } = await exportAll(await archiveExporter(path, 'posts'));
    expect(items).toHaveLength(sample().posts.length);
    const account = await archive.accountInfo!({ account: '', url: (u) => u, fetch: () => Promise.reject(new Error('no requests')), localFiles: { sources: [new File([], 'rezipped.zip')] } });
    expect(account).toEqual({ id: 'rezipped', name: 'Ferry archive (rezipped.zip)' });
  });
});
