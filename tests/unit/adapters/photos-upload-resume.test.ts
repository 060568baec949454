/**
 * Both photo importers against their sandboxes: an upload cut off by a killed worker goes on, in a fresh
 * importer, from the bytes the session acknowledged (its checkpoint), re-sending at most one chunk; a session
 * the destination no longer knows starts over and says so; a source that ignores Range is skipped forward.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { google } from '../../../adapters/google/descriptor';
import { UPLOAD_CHUNK_BYTES } from '../../../adapters/google/photos/upload';
import { microsoft } from '../../../adapters/microsoft/descriptor';
import { FRAGMENT_BYTES } from '../../../adapters/microsoft/photos/upload';
import type { AdapterContext, ContentStream, DataTypeSupport, FetchLike, ImportItem, UploadCheckpoint, UploadProgress } from '../../../model/adapter';
import type { MediaItem } from '../../../model/media';
import { GOOGLE_ACCOUNT } from '../../sandbox/google/account';
import { createGoogleSandbox } from '../../sandbox/google/index';
import { ALICE } from '../../sandbox/microsoft/account';
import { createMicrosoftSandbox } from '../../sandbox/microsoft/index';
import { PERSONAL_SITE } from '../../sandbox/microsoft/photos/drive-json';
import { startSandbox, type RunningSandbox } from '../../sandbox/server';
import { sandboxContext } from '../../conformance/sandbox-target';

interface Target {
  name: 'google' | 'microsoft';
  chunk: number;
  support: DataTypeSupport;
  start(): Promise<RunningSandbox>;
  account: { tokenAccount: string; contextAccount: string };
  isChunk(url: string, init?: RequestInit): boolean;
  /** Bytes each upload session of the file received, from the sandbox's snapshot. */
  received(sandbox: RunningSandbox, fileName: string): number[];
}

const TARGETS: Target[] = [
  {
    name: 'google',
    chunk: UPLOAD_CHUNK_BYTES,
    support: google.dataTypes.photos!,
    start: () => startSandbox({ port: 0, providers: [(ctx) => createGoogleSandbox(ctx, { rateLimit: null })] }),
    account: { tokenAccount: GOOGLE_ACCOUNT.email, contextAccount: GOOGLE_ACCOUNT.sub },
    isChunk: (url, init) => url.includes('upload_id=') && new Headers(init?.headers).has('x-goog-upload-offset'),
    received: (sandbox, fileName) =>
      (sandbox.providers.google.snapshot() as { photos: { uploadSessions: { fileName: string; bytesReceived: number }[] } }).photos.uploadSessions
        .filter((u) => u.fileName === fileName)
        .map((u) => u.bytesReceived),
  },
  {
    name: 'microsoft',
    chunk: FRAGMENT_BYTES,
    support: microsoft.dataTypes.photos!,
    start: () => startSandbox({ port: 0, providers: [(ctx) => createMicrosoftSandbox(ctx, { serviceTimeMs: 0 })] }),
    account: { tokenAccount: ALICE.id, contextAccount: ALICE.id },
    isChunk: (_url, init) => init?.method === 'PUT',
    received: (sandbox, fileName) =>
      (sandbox.providers.microsoft.snapshot() as { photos: { uploadHistory: { name: string; bytesReceived: number }[] } }).photos.uploadHistory
        .filter((u) => u.name === fileName)
        .map((u) => u.bytesReceived),
  },
];

/** The checkpoint store the engine keeps in IndexedDB, in memory. */
function memoryProgress(): UploadProgress & { saved?: UploadCheckpoint; saves: number } {
  const progress = {
    saved: undefined as UploadCheckpoint | undefined,
    saves: 0,
    load: async () => progress.saved,
    save: async (checkpoint: UploadCheckpoint) => {
      progress.saved = checkpoint;
      progress.saves += 1;
    },
    clear: async () => {
      progress.saved = undefined;
    },
  };
  return progress;
}

/** The file's bytes from `from`, as a source that honours Range gives them (or from 0, as one that does not). */
function contentOf(bytes: Buffer, honoursRange = true): (from?: number) => Promise<ContentStream> {
  return async (from = 0) => {
    const offset = honoursRange ? from : 0;
    const rest = bytes.subarray(offset);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < rest.length; i += 1 << 20) controller.enqueue(new Uint8Array(rest.subarray(i, i + (1 << 20))));
        controller.close();
      },
    });
    return { body, offset, size: bytes.length, contentType: 'video/mp4' };
  };
}

/** A context whose worker dies once `chunksBeforeKill` chunks went through: the next chunk never leaves. */
function killedAfter(ctx: AdapterContext, target: Target, chunksBeforeKill: number): AdapterContext {
  let chunks = 0;
  const wrap =
    (inner: FetchLike): FetchLike =>
    async (url, init) => {
      if (target.isChunk(url, init) && chunks++ >= chunksBeforeKill) throw new Error('the worker was stopped');
      return inner(url, init);
    };
  return { ...ctx, fetch: wrap(ctx.fetch), ...(ctx.anonymousFetch && { anonymousFetch: wrap(ctx.anonymousFetch) }) };
}

async function findFile(dir: string, name: string): Promise<Buffer | undefined> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = await findFile(path, name);
      if (found) return found;
    } else if (entry.name === name) return readFile(path);
  }
  return undefined;
}

for (const target of TARGETS) {
  describe(`${target.name} photos: uploads resume after a killed worker`, () => {
    let sandbox: RunningSandbox;
    let ctx: AdapterContext;
    let close: () => Promise<void>;
    let work: string;

    beforeAll(async () => {
      sandbox = await target.start();
      ({ ctx, close } = sandboxContext(sandbox, target.name, target.name === 'google' ? google : microsoft, target.support, target.account));
      work = await mkdtemp(join(tmpdir(), `ferry-upload-resume-${target.name}-`));
    });
    afterAll(async () => {
      await close();
      await rm(work, { recursive: true, force: true });
    });

    const itemFor = async (fileName: string, bytes: Buffer, progress: UploadProgress, honoursRange = true): Promise<ImportItem<MediaItem>> => {
      const importer = target.support.import!.create(ctx);
      const containerId = await importer.ensureContainer({ key: 'test:container:resume', dataType: 'photos', name: 'Resume' });
      return {
        key: `test:${fileName}`,
        dataType: 'photos',
        title: fileName,
        data: { fileName, mimeType: 'video/mp4', sizeBytes: bytes.length, downloadSource: 'memory' },
        containerId,
        content: contentOf(bytes, honoursRange),
        upload: progress,
      };
    };

    const arrived = async (fileName: string): Promise<Buffer | undefined> => {
      const dir = await mkdtemp(join(work, 'dump-'));
      await sandbox.providers[target.name].dump(dir);
      return findFile(dir, fileName);
    };

    for (const honoursRange of [true, false]) {
      it(`goes on from the acknowledged bytes and re-sends none of them (the source ${honoursRange ? 'honours' : 'ignores'} Range)`, async () => {
        const fileName = `resumed-${honoursRange}.mp4`;
        const bytes = randomBytes(3 * target.chunk + 12345);
        const progress = memoryProgress();
        const item = await itemFor(fileName, bytes, progress, honoursRange);

        const killed = target.support.import!.create(killedAfter(ctx, target, 2));
        const cut = await killed.importBatch([item]).then(
          ([r]) => (r && !r.ok ? r.error : r),
          (error: unknown) => error,
        );
        expect(String(cut)).toContain('the worker was stopped');
        expect(progress.saved).toMatchObject({ committed: 2 * target.chunk, size: bytes.length });

        const [result] = await target.support.import!.create(ctx).importBatch([item]);
        expect(result).toMatchObject({ key: item.key, ok: true });
        expect(progress.saved).toBeUndefined();
        expect((await arrived(fileName))?.equals(bytes)).toBe(true);
        const sessions = target.received(sandbox, fileName);
        expect(sessions).toHaveLength(1);
        expect(sessions[0]! - bytes.length).toBeLessThanOrEqual(target.chunk);
        expect(sessions[0]).toBe(bytes.length);
      });
    }

    if (target.name === 'google') {
      it('keeps the token of a finished upload, so a worker killed before batchCreate sends nothing again', async () => {
        const fileName = 'uploaded-not-created.mp4';
        const bytes = randomBytes(target.chunk + 77);
        const progress = memoryProgress();
        const item = await itemFor(fileName, bytes, progress);
        const beforeCreate: AdapterContext = {
          ...ctx,
          fetch: async (url, init) => {
            if (url.includes('mediaItems:batchCreate')) throw new Error('the worker was stopped');
            return ctx.fetch(url, init);
          },
        };
        await target.support.import!.create(beforeCreate).importBatch([item]).catch(() => undefined);
        expect(progress.saved?.result).toMatch(/^CAIS/);
        const [result] = await target.support.import!.create(ctx).importBatch([item]);
        expect(result).toMatchObject({ ok: true });
        expect(progress.saved).toBeUndefined();
        expect(target.received(sandbox, fileName)).toEqual([bytes.length]);
        expect((await arrived(fileName))?.equals(bytes)).toBe(true);
      });
    }

    it('starts over, and says so, when the destination no longer knows the session', async () => {
      const fileName = 'forgotten.mp4';
      const bytes = randomBytes(target.chunk + 999);
      const progress = memoryProgress();
      const item = await itemFor(fileName, bytes, progress);
      const gone = target.name === 'google' ? `${sandbox.origin}/photoslibrary.googleapis.com/v1/uploads?upload_id=gone&upload_protocol=resumable` : `${sandbox.origin}/contoso-my.sharepoint.com${PERSONAL_SITE}/_api/v2.0/drive/items/x/uploadSession?guid='gone'`;
      await progress.save({ sessionUrl: gone, committed: target.chunk, size: bytes.length, savedAt: Date.now() });
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        const [result] = await target.support.import!.create(ctx).importBatch([item]);
        expect(result).toMatchObject({ ok: true });
        expect(warn).toHaveBeenCalledWith(expect.stringContaining(`unfinished upload of “${fileName}”`));
      } finally {
        warn.mockRestore();
      }
      expect((await arrived(fileName))?.equals(bytes)).toBe(true);
      expect(target.received(sandbox, fileName)).toEqual([bytes.length]);
    });
  });
}
