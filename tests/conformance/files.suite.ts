/**
 * The files conformance suite: every adapter that declares files support runs it against its server (the Microsoft
 * sandbox, a real rclone WebDAV server). A sample tree (tests/conformance/files-tree.ts) is seeded, exported and
 * compared entry by entry (kind, path, size, modified second, parentKey, the hashes the target reports against the
 * bytes); bytes are read whole and from an offset; the tree is imported and what arrived is compared file by file by
 * SHA-256, with the modified time kept or reported lost; a second import finds everything and makes nothing.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdapterContext, DataTypeSupport, ExportedItem, ImportItem, ProviderDescriptor } from '../../model/adapter';
import { iterateStream } from '../../model/byte-stream';
import { parentPath, type FileEntry, type HashAlgorithm } from '../../model/file';
import { QuickXorHash } from '../sandbox/microsoft/files/quick-xor-hash';
import { exportAll, moveFiles } from './files-pipeline';
import { SAMPLE_EMPTY_FOLDER, SAMPLE_FILES, fileContent, readTree, sha256Of, writeSampleTree, type TreeFact } from './files-tree';

export interface FilesConformanceAccount {
  ctx: AdapterContext;
  /** Replaces the account's files with the tree under `dir`, at the root the exporter walks. */
  seed(dir: string): Promise<void>;
  /** A local folder holding what the importer made below the folder it named after `containerName`. */
  importedTree(containerName: string): Promise<string>;
  close(): Promise<void>;
}

export interface FilesConformanceTarget {
  name: string;
  provider: ProviderDescriptor;
  open(): Promise<FilesConformanceAccount>;
  /** Folders the account always has at its root (OneDrive's Pictures), left out of comparisons. */
  standingFolders: readonly string[];
  /** Hashes the exporter reports for every file. */
  reportedHashes: readonly HashAlgorithm[];
  /** Whether the importer keeps a file's modified time (else it must report it lost per file). */
  keepsModified: boolean;
}

const support = (target: FilesConformanceTarget): DataTypeSupport => {
  const found = target.provider.dataTypes.files;
  if (!found) throw new Error(`${target.name} declares no files support`);
  return found;
};

async function hashOfFile(path: string, algorithm: HashAlgorithm): Promise<string> {
  if (algorithm === 'quickXorHash') {
    const hash = new QuickXorHash();
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return hash.digest();
  }
  const hash = createHash(algorithm);
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const without = (facts: Map<string, TreeFact>, standing: readonly string[]): Map<string, TreeFact> =>
  new Map([...facts].filter(([path]) => !standing.some((s) => path === s || path.startsWith(`${s}/`))));

export function runFilesConformance(target: FilesConformanceTarget): void {
  describe(`files conformance: ${target.name}`, () => {
    let account: FilesConformanceAccount;
    let sampleDir: string;
    let sample: Map<string, TreeFact>;

    beforeAll(async () => {
      sampleDir = await mkdtemp(join(tmpdir(), 'ferry-files-sample-'));
      await writeSampleTree(sampleDir);
      sample = await readTree(sampleDir);
      account = await target.open();
      await account.seed(sampleDir);
    });
    afterAll(async () => {
      await account?.close();
      await rm(sampleDir, { recursive: true, force: true });
    });

    it('exports every folder and file with its path, name, size, modified time and parentKey, one folder per page or more', async () => {
      const { containers, items, pages } = await exportAll(support(target).export!.create(account.ctx));
      expect(containers).toHaveLength(1);
      expect(pages).toBeGreaterThanOrEqual(new Set([...sample.keys()].map(parentPath)).size);
      const byPath = new Map(items.filter((i) => !target.standingFolders.some((s) => i.data.path === s || i.data.path.startsWith(`${s}/`))).map((i) => [i.data.path, i]));
      expect([...byPath.keys()].sort()).toEqual([...sample.keys()].sort());
      const keyByPath = new Map(items.map((i) => [i.data.path, i.key]));
      for (const [path, fact] of sample) {
        const item = byPath.get(path)!;
        expect(item.containerKey, path).toBe(containers[0]!.key);
        expect(item.data.kind, path).toBe(fact.kind);
        expect(item.data.name, path).toBe(path.slice(path.lastIndexOf('/') + 1));
        expect(item.parentKey, path).toBe(parentPath(path) ? keyByPath.get(parentPath(path)) : undefined);
        if (fact.kind === 'file') {
          expect(item.data.sizeBytes, path).toBe(fact.size);
          expect(item.bytes, path).toBe(fact.size);
          expect(Math.floor(Date.parse(item.data.modified!) / 1000), path).toBe(fact.mtime);
          expect(item.data.downloadSource, path).toBeTruthy();
        }
      }
      expect(byPath.get(SAMPLE_EMPTY_FOLDER)?.data.kind).toBe('folder');
      expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
    });

    it('reports the content hashes it says it does, matching the bytes', async () => {
      const { items } = await exportAll(support(target).export!.create(account.ctx));
      for (const [path] of SAMPLE_FILES) {
        const item = items.find((i) => i.data.path === path)!;
        for (const algorithm of target.reportedHashes) expect(item.data.hashes[algorithm], `${algorithm} of ${path}`).toBe(await hashOfFile(join(sampleDir, path), algorithm));
      }
    });

    it('opens each file whole, and from an offset where a transfer resumes', async () => {
      const exporter = support(target).export!.create(account.ctx);
      const { items } = await exportAll(exporter);
      for (const [path, size] of SAMPLE_FILES) {
        const item = items.find((i) => i.data.path === path)!;
        const whole = await exporter.openContent!(item);
        expect(await sha256Of(iterateStream(whole.body)), path).toBe(sample.get(path)!.sha256);
        if (size < 2) continue;
        const from = Math.floor(size / 2);
        const tail = await exporter.openContent!(item, from);
        expect(tail.offset, path).toBe(from);
        const expected = await sha256Of(createReadStream(join(sampleDir, path), { start: from }));
        expect(await sha256Of(iterateStream(tail.body)), path).toBe(expected);
      }
    });

    describe('import', () => {
      const containerName = 'Ferry files conformance';
      let items: ExportedItem<FileEntry>[] | undefined;
      let importedDir: string;

      /** The sample as a source would hand it over: a page per depth, so folders come before what they hold; bytes from the local disk. */
      const sourceExporter = {
        dataType: 'files' as const,
        async exportPage(cursor: string | undefined) {
          const depth = cursor === undefined ? 1 : Number(cursor);
          items ??= [...sample].map(([path, fact]) => {
            const data: FileEntry = { kind: fact.kind, path, name: path.slice(path.lastIndexOf('/') + 1), sizeBytes: fact.size, hashes: {}, modified: new Date(fact.mtime * 1000).toISOString() };
            if (fact.kind === 'file') data.downloadSource = join(sampleDir, path);
            const item: ExportedItem<FileEntry> = { key: `local:files:${path}`, dataType: 'files', containerKey: 'local:files:container', title: path, data };
            if (parentPath(path)) item.parentKey = `local:files:${parentPath(path)}`;
            return item;
          });
          const deepest = Math.max(...items.map((i) => i.data.path.split('/').length));
          const containers = depth === 1 ? [{ key: 'local:files:container', dataType: 'files' as const, name: containerName }] : [];
          const page = { containers, items: items.filter((i) => i.data.path.split('/').length === depth) };
          return depth < deepest ? { ...page, next: String(depth + 1) } : page;
        },
        openContent: (item: { data: unknown }, from?: number) => fileContent((item.data as FileEntry).downloadSource!, from),
      };

      it('rebuilds the tree: same paths, same bytes, the empty folder, the modified times kept or reported lost', async () => {
        const importer = support(target).import!.create(account.ctx);
        const moved = await moveFiles(sourceExporter, importer, support(target).import!.batchSize, 1);
        for (const result of moved.results) expect(result.ok ? 'ok' : result.error.message, result.key).toBe('ok');
        importedDir = await account.importedTree(containerName);
        const arrived = without(await readTree(importedDir), []);
        expect([...arrived.keys()].sort()).toEqual([...sample.keys()].sort());
        for (const [path, fact] of sample) {
          expect(arrived.get(path)?.kind, path).toBe(fact.kind);
          if (fact.kind === 'folder') continue;
          expect(arrived.get(path)?.sha256, path).toBe(fact.sha256);
          const result = moved.results.find((r) => r.key === `local:files:${path}`);
          const lostModified = result?.ok ? result.lost?.find((l) => l.field === 'modified') : undefined;
          if (target.keepsModified) {
            expect(arrived.get(path)?.mtime, path).toBe(fact.mtime);
            expect(lostModified, path).toBeUndefined();
          } else {
            expect(lostModified?.reason, path).toMatch(/modified time/);
          }
        }
      });

      it('finds everything a second time: the same destination ids, no copies, and lookup finds each item', async () => {
        const importer = support(target).import!.create(account.ctx);
        const first = await moveFiles(sourceExporter, importer, support(target).import!.batchSize, 1);
        const again = await moveFiles(sourceExporter, support(target).import!.create(account.ctx), support(target).import!.batchSize, 1);
        expect(again.results.map((r) => (r.ok ? r.destinationId : r.error.message))).toEqual(first.results.map((r) => (r.ok ? r.destinationId : r.error.message)));
        expect([...(await readTree(await account.importedTree(containerName))).keys()].sort()).toEqual([...sample.keys()].sort());
        const done = new Map(first.results.flatMap((r) => (r.ok ? [[r.key, r.destinationId] as const] : [])));
        const importItems: ImportItem[] = first.items.map((item) => ({ key: item.key, dataType: 'files', title: item.title, data: item.data, containerId: first.containerIds.get(item.containerKey!)!, ...(item.parentKey && { parentId: done.get(item.parentKey)! }) }));
        const found = await support(target).import!.create(account.ctx).lookup(importItems);
        expect(Object.fromEntries(found)).toEqual(Object.fromEntries(done));
      });

      it('puts a different file that meets a name already taken beside it, as “name (2).ext”', async () => {
        const importer = support(target).import!.create(account.ctx);
        const first = await moveFiles(sourceExporter, importer, support(target).import!.batchSize, 1);
        const report = first.items.find((i) => i.data.path === 'Documents/report.txt')!;
        const parent = first.results.find((r) => r.key === report.parentKey);
        const changed: FileEntry = { ...report.data, sizeBytes: 5, modified: '2025-01-02T03:04:05.000Z' };
        const [result] = await importer.importBatch([
          {
            key: 'local:files:changed-report',
            dataType: 'files',
            title: report.title,
            data: changed,
            containerId: first.containerIds.get(report.containerKey!)!,
            parentId: parent?.ok ? parent.destinationId : '',
            content: async () => ({ body: new Blob(['12345']).stream(), size: 5, offset: 0 }),
          },
        ]);
        expect(result?.ok).toBe(true);
        const tree = await readTree(await account.importedTree(containerName));
        expect(tree.get('Documents/report (2).txt')?.size).toBe(5);
        expect(tree.get('Documents/report.txt')?.sha256).toBe(sample.get('Documents/report.txt')?.sha256);
      });
    });
  });
}
