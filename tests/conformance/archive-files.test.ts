/**
 * The Ferry archive's files: the tree of `files/` read back with empty folders, sizes, times and bytes, then moved
 * into OneDrive. What left is judged against the folder the sample archive was zipped from
 * (tests/sandbox/sample-data/archive.ts).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../model/file';
import { ARCHIVE_ACCOUNT, archiveExporter, useSampleArchive, bytesOf, moveInto } from './archive-read-fixture';
import { exportAll } from './export-all';
import { SAMPLE_EMPTY_FOLDER, readTree } from './files-tree';

const { sample, dir } = useSampleArchive();

describe('Ferry archive: files', () => {
  it('the folder tree with empty folders, sizes, modified times and bytes, each entry after its folder', async () => {
    const exporter = await archiveExporter(sample().zip, 'files');
    const { containers, items } = await exportAll<FileEntry>(exporter);
    expect(containers).toEqual([{ key: `archive:${ARCHIVE_ACCOUNT}:files:container:root`, dataType: 'files', name: ARCHIVE_ACCOUNT, isDefault: true }]);
    const tree = await readTree(join(sample().folder, 'files'));
    expect(items.map((i) => i.data.path).sort()).toEqual([...tree.keys()].sort());
    expect(items.find((i) => i.data.path === SAMPLE_EMPTY_FOLDER)?.data.kind).toBe('folder');
    for (const item of items) {
      const want = tree.get(item.data.path)!;
      expect(item.data.kind, item.data.path).toBe(want.kind);
      if (item.data.path.includes('/')) {
        const parent = item.data.path.slice(0, item.data.path.lastIndexOf('/'));
        expect(item.parentKey).toBe(`archive:${ARCHIVE_ACCOUNT}:files:${parent}`);
        expect(items.findIndex((i) => i.key === item.parentKey)).toBeLessThan(items.indexOf(item));
      }
      if (want.kind === 'folder') continue;
      expect(item.data.sizeBytes, item.data.path).toBe(want.size);
      expect(Math.floor(Date.parse(item.data.modified!) / 1000), `${item.data.path}: modified`).toBe(want.mtime);
      expect(item.data.hashes.crc32).toMatch(/^[0-9a-f]{8}$/);
      const bytes = await bytesOf(await exporter.openContent!(item));
      expect(createHash('sha256').update(bytes).digest('hex'), `${item.data.path}: bytes`).toBe(want.sha256);
    }
  });

  it('files → OneDrive: the folder tree with empty folders, bytes and modified times', async () => {
    const out = await moveInto(sample().zip, dir(), 'microsoft', 'files');
    const left = await readTree(join(sample().folder, 'files'));
    const arrived = await readTree(join(out, 'files', 'ferry-archive-2026-03-14'));
    for (const [path, want] of left) {
      const got = arrived.get(path);
      expect(got, `${path}: arrived`).toBeDefined();
      expect(got!.kind, path).toBe(want.kind);
      if (want.kind === 'folder') continue;
      expect({ size: got!.size, sha256: got!.sha256, mtime: got!.mtime }, path).toEqual({ size: want.size, sha256: want.sha256, mtime: want.mtime });
    }
    expect(arrived.size).toBe(left.size);
  }, 120_000);
});
