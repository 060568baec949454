/**
 * The photos and videos conformance suite: every adapter that declares photos support runs it against its
 * sandbox. Sample libraries are written by tests/sandbox/sample-data/photos.ts (generated JPEGs with EXIF, MP4
 * containers, one of ~12 MB, and the real-world photos of ../shared when present); what arrives is compared
 * file by file: bytes by SHA-256, capture time, description, album and order, except what the target names
 * as lost and why.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { exportAll as exportAllPages } from './export-all';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AdapterError, type AdapterContext, type Container, type ImportResult, type ProviderDescriptor } from '../../model/adapter';
import type { MediaItem } from '../../model/media';
import type { FaultSpec } from '../sandbox/core/faults';
import type { RequestLogEntry } from '../sandbox/core/request-log';
import { writeSamplePhotos } from '../sandbox/sample-data/photos';
import { SUITE_SOURCE, importItemsOf, readArchive, readContent, sha256, type ArchiveFile } from './photos-archive';

export interface PhotosConformanceAccount {
  ctx: AdapterContext;
  /** Replaces the account's content with the archive under `dir`. */
  seed(dir: string): Promise<void>;
  reset(): Promise<void>;
  /** Writes the account in the archive layout under `dir`. */
  dump(dir: string): Promise<void>;
  /** The sandbox's request log, oldest first. */
  log(): RequestLogEntry[];
  fault(spec: Omit<FaultSpec, 'provider'>): void;
  close(): Promise<void>;
}

type ExportLoss = 'description' | 'album' | 'albumOrder' | 'location';
type ImportLoss = 'albumOrder' | 'description';

export interface PhotosConformanceTarget {
  name: string;
  provider: ProviderDescriptor;
  /** Items per page of the exporter the target's provider makes (the suite checks there was more than one page). */
  pageSize: number;
  open(): Promise<PhotosConformanceAccount>;
  /** The bytes the provider hands out for a stored file, when not the file's own (Google strips a photo's location). */
  handedOut?(file: ArchiveFile, bytes: Buffer): Buffer;
  exportLosses: Partial<Record<ExportLoss, string>>;
  importLosses: Partial<Record<ImportLoss, string>>;
  /** The folder below `photos/` of the dump where an imported album's files are. */
  importedAlbum(album: string): string;
  /** A request that carried one piece of a chunked upload. */
  isUploadChunk(entry: RequestLogEntry): boolean;
  /** A path pattern (`/<host><path>`) of the first request ensureContainer makes, to throttle it. */
  throttlePath: string;
}

const sampleOptions = { photos: 30, videos: 2, albums: 3, seed: 7 };

const instant = (time: string | undefined): number | undefined => (time === undefined ? undefined : Date.parse(time));

function photosSupport(target: PhotosConformanceTarget) {
  const support = target.provider.dataTypes.photos;
  if (!support) throw new Error(`${target.name} declares no photos support`);
  return support;
}

function exportAll(target: PhotosConformanceTarget, ctx: AdapterContext, restartAfter?: number) {
  const create = () => photosSupport(target).export!.create(ctx);
  return exportAllPages<MediaItem>(create(), restartAfter === undefined ? {} : { restart: { afterPage: restartAfter, create } });
}

async function importAll(target: PhotosConformanceTarget, ctx: AdapterContext, files: readonly ArchiveFile[]) {
  const support = photosSupport(target).import!;
  const importer = support.create(ctx);
  const containerIds = new Map<string, string>();
  for (const album of new Set(files.map((f) => f.album))) {
    containerIds.set(album, await importer.ensureContainer({ key: `${SUITE_SOURCE}:container:${album}`, dataType: 'photos', name: album || 'Photos' }));
  }
  const items = importItemsOf(files, containerIds);
  const results = new Map<string, ImportResult>();
  for (let i = 0; i < items.length; i += support.batchSize) {
    const batch = items.slice(i, i + support.batchSize);
    const answered = await importer.importBatch(batch);
    expect(answered.map((r) => r.key).sort(), 'one result per item').toEqual(batch.map((b) => b.key).sort());
    for (const result of answered) results.set(result.key, result);
  }
  return { importer, items, results, containerIds };
}

export function runPhotosConformance(target: PhotosConformanceTarget): void {
  describe(`photos conformance: ${target.name}`, () => {
    let account: PhotosConformanceAccount;
    let sampleDir: string;
    let sample: ArchiveFile[];
    let workDir: string;

    beforeAll(async () => {
      account = await target.open();
      workDir = await mkdtemp(join(tmpdir(), `ferry-photos-${target.name}-`));
      sampleDir = join(workDir, 'sample');
      await writeSamplePhotos(sampleDir, sampleOptions);
      sample = await readArchive(sampleDir);
    });
    afterAll(async () => {
      await account?.close();
      if (workDir) await rm(workDir, { recursive: true, force: true });
    });
    beforeEach(async () => {
      await account.reset();
    });

    it('export: every seeded file arrives once, byte for byte, with its fields', async () => {
      await account.seed(sampleDir);
      const { containers, items, pages } = await exportAll(target, account.ctx);
      const prefix = `${target.provider.id}:${account.ctx.account}:photos:`;
      expect(pages, 'more than one page').toBeGreaterThan(Math.ceil(sample.length / target.pageSize) - 1);
      expect(new Set(items.map((i) => i.key)).size, 'no item twice').toBe(items.length);
      expect(items.map((i) => i.data.fileName).sort()).toEqual(sample.map((f) => f.fileName).sort());
      const exporter = photosSupport(target).export!.create(account.ctx);
      for (const file of sample) {
        const item = items.find((i) => i.data.fileName === file.fileName)!;
        const label = `${target.name}: ${file.album}/${file.fileName}`;
        expect(item.key.startsWith(prefix), item.key).toBe(true);
        expect(item.data.mimeType, label).toBe(file.mimeType);
        const container = containers.find((c) => c.key === item.containerKey);
        expect(container, `${label}: container emitted`).toBeDefined();
        if (!target.exportLosses.album) expect(container!.name, `${label}: album`).toBe(file.album);
        if (!target.exportLosses.description) expect(item.data.description, `${label}: description`).toBe(file.sidecar.description);
        if (file.sidecar.captureTime) expect(instant(item.data.captureTime), `${label}: captureTime`).toBe(instant(file.sidecar.captureTime));
        if (!target.exportLosses.location && file.sidecar.location) {
          expect(item.data.location?.lat, `${label}: latitude`).toBeCloseTo(file.sidecar.location.lat, 6);
          expect(item.data.location?.lon, `${label}: longitude`).toBeCloseTo(file.sidecar.location.lon, 6);
        }
        const original = await readFile(file.path);
        const expected = target.handedOut ? target.handedOut(file, original) : original;
        const content = await exporter.openContent!(item, 0);
        expect(sha256(await readContent(content)), `${label}: bytes`).toBe(sha256(expected));
      }
      if (!target.exportLosses.albumOrder) {
        for (const container of containers) {
          const inAlbum = items.filter((i) => i.containerKey === container.key).sort((a, b) => a.data.albumOrder! - b.data.albumOrder!);
          const expected = sample.filter((f) => f.album === container.name).sort((a, b) => a.sidecar.albumOrder! - b.sidecar.albumOrder!);
          expect(inAlbum.map((i) => i.data.fileName), `${target.name}: order of ${container.name}`).toEqual(expected.map((f) => f.fileName));
        }
      }
    });

    it('export: a ranged read starts where asked', async () => {
      await account.seed(sampleDir);
      const { items, exporter } = await exportAll(target, account.ctx);
      const video = items.find((i) => i.data.mimeType.startsWith('video/'))!;
      const file = sample.find((f) => f.fileName === video.data.fileName)!;
      const from = 1000;
      const content = await exporter.openContent!(video, from);
      const bytes = await readContent(content);
      expect(content.offset + bytes.length, 'ends at the end of the file').toBe(file.size);
      const whole = await readFile(file.path);
      expect(sha256(bytes)).toBe(sha256(whole.subarray(content.offset)));
    });

    it('export: a new exporter resumes from a saved cursor', async () => {
      await account.seed(sampleDir);
      let opened = 0;
      const open = account.ctx.openPage;
      const ctx: AdapterContext = open ? { ...account.ctx, openPage: async (url) => void (opened++, await open(url)) } : account.ctx;
      const { items } = await exportAll(target, ctx, 2);
      expect(items.map((i) => i.data.fileName).sort()).toEqual(sample.map((f) => f.fileName).sort());
      expect(opened, 'the picker (where there is one) opened once').toBeLessThanOrEqual(1);
    });

    it('containers: ensureContainer is idempotent', async () => {
      const importer = photosSupport(target).import!.create(account.ctx);
      const container: Container = { key: `${SUITE_SOURCE}:container:x`, dataType: 'photos', name: 'Holiday 2024' };
      const first = await importer.ensureContainer(container);
      expect(await photosSupport(target).import!.create(account.ctx).ensureContainer(container)).toBe(first);
      expect(await importer.ensureContainer({ ...container, name: 'Other' })).not.toBe(first);
    });

    it('import: lookup finds nothing that was never imported', async () => {
      const importer = photosSupport(target).import!.create(account.ctx);
      const albumId = await importer.ensureContainer({ key: `${SUITE_SOURCE}:container:a`, dataType: 'photos', name: sample[0]!.album });
      const found = await importer.lookup(importItemsOf(sample.slice(0, 5), new Map([[sample[0]!.album, albumId]])));
      expect(found.size).toBe(0);
    });

    it('import: everything arrives byte for byte with its fields, in chunks when large; re-importing creates nothing', async () => {
      const first = await importAll(target, account.ctx, sample);
      for (const [key, result] of first.results) expect(result.ok, `${key}: ${result.ok ? '' : result.error.message}`).toBe(true);
      const chunks = account.log().filter((e) => target.isUploadChunk(e));
      expect(chunks.length, 'the large video went in several pieces').toBeGreaterThanOrEqual(3);

      const dumpDir = join(workDir, `dump-${Date.now()}`);
      await account.dump(dumpDir);
      const arrived = await readArchive(dumpDir);
      expect(arrived).toHaveLength(sample.length);
      for (const file of sample) {
        const label = `${target.name}: ${file.album}/${file.fileName}`;
        const got = arrived.find((a) => a.album === target.importedAlbum(file.album) && a.fileName === file.fileName);
        expect(got, `${label}: in its album`).toBeDefined();
        expect(got!.sha256, `${label}: bytes`).toBe(file.sha256);
        const result = first.results.get(`${SUITE_SOURCE}:${file.album}/${file.fileName}`)!;
        const lost = new Set(result.ok ? (result.lost ?? []).map((l) => l.field) : []);
        if (!target.importLosses.description && !lost.has('description')) expect(got!.sidecar.description, `${label}: description`).toBe(file.sidecar.description);
        if (file.sidecar.captureTime && !lost.has('captureTime')) expect(instant(got!.sidecar.captureTime), `${label}: captureTime`).toBe(instant(file.sidecar.captureTime));
        if (file.sidecar.title) expect(lost.has('title'), `${label}: title reported lost`).toBe(true);
        if (target.importLosses.albumOrder) expect(lost.has('albumOrder'), `${label}: order reported lost`).toBe(true);
      }
      if (!target.importLosses.albumOrder) {
        for (const album of new Set(sample.map((f) => f.album))) {
          const want = sample.filter((f) => f.album === album).sort((a, b) => a.sidecar.albumOrder! - b.sidecar.albumOrder!);
          const got = arrived.filter((a) => a.album === target.importedAlbum(album)).sort((a, b) => a.sidecar.albumOrder! - b.sidecar.albumOrder!);
          expect(got.map((g) => g.fileName), `${target.name}: order of ${album}`).toEqual(want.map((w) => w.fileName));
        }
      }

      const again = await importAll(target, account.ctx, sample);
      for (const [key, result] of again.results) {
        const before = first.results.get(key)!;
        expect(result.ok && before.ok && result.destinationId === before.destinationId, `${key} found again`).toBe(true);
      }
      const fresh = photosSupport(target).import!.create(account.ctx);
      const lookedUp = await fresh.lookup(importItemsOf(sample.slice(0, 3), again.containerIds));
      expect(lookedUp.size, 'lookup finds what was imported').toBe(3);
      const secondDump = join(workDir, `dump2-${Date.now()}`);
      await account.dump(secondDump);
      expect(await readArchive(secondDump)).toHaveLength(sample.length);
    });

    it('throttling: a 429 comes back as a retry carrying its Retry-After', async () => {
      account.fault({ kind: 'status', status: 429, retryAfter: { seconds: 7 }, pathPattern: target.throttlePath });
      const importer = photosSupport(target).import!.create(account.ctx);
      const error = await importer.ensureContainer({ key: `${SUITE_SOURCE}:container:t`, dataType: 'photos', name: 'Throttled' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AdapterError);
      expect((error as AdapterError).errorClass).toBe('retry');
      expect((error as AdapterError).details.retryAfterMs).toBe(7000);
    });
  });
}
