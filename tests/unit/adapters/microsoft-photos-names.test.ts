/**
 * OneDrive photo imports ask for the upload session under the file's own name and look the folder up only when
 * OneDrive says the name is taken: a different file keeps its name and the upload takes `name (2).ext`, the file
 * made before is found again, and two items named alike uploaded side by side both arrive, once each.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microsoft } from '../../../adapters/microsoft/descriptor';
import { AdapterError, type AdapterContext, type ContentStream, type ImportItem, type ImportResult, type UploadCheckpoint, type UploadProgress } from '../../../model/adapter';
import type { MediaItem } from '../../../model/media';
import { ALICE } from '../../sandbox/microsoft/account';
import { createMicrosoftSandbox } from '../../sandbox/microsoft/index';
import { startSandbox, type RunningSandbox } from '../../sandbox/server';
import { sandboxContext } from '../../conformance/sandbox-target';

const support = microsoft.dataTypes.photos!;
const CAPTURED = '2021-06-01T10:00:00Z';

/** The bytes, held back until `gate` resolves (so two uploads can be made to overlap). */
function contentOf(bytes: Buffer, gate: Promise<void> = Promise.resolve()): () => Promise<ContentStream> {
  return async () => ({
    body: new ReadableStream<Uint8Array>({
      async pull(controller) {
        await gate;
        controller.enqueue(new Uint8Array(bytes));
        controller.close();
      },
    }),
    offset: 0,
    size: bytes.length,
    contentType: 'image/jpeg',
  });
}

function memoryProgress(): UploadProgress & { saved?: UploadCheckpoint } {
  const progress: UploadProgress & { saved?: UploadCheckpoint } = {
    load: async () => progress.saved,
    save: async (checkpoint) => {
      progress.saved = checkpoint;
    },
    clear: async () => {
      progress.saved = undefined;
    },
  };
  return progress;
}

describe('microsoft photos: names taken at the destination', () => {
  let sandbox: RunningSandbox;
  let ctx: AdapterContext;
  let close: () => Promise<void>;
  let work: string;
  const requests: string[] = [];
  let sessionsOpened = 0;
  let bothOpened: () => void = () => undefined;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, providers: [(c) => createMicrosoftSandbox(c, { serviceTimeMs: 0 })] });
    const made = sandboxContext(sandbox, 'microsoft', microsoft, support, { tokenAccount: ALICE.id, contextAccount: ALICE.id });
    close = made.close;
    const logged = (fetch: AdapterContext['fetch']): AdapterContext['fetch'] => async (url, init) => {
      const request = `${init?.method ?? 'GET'} ${decodeURIComponent(new URL(url).pathname)}`;
      requests.push(request);
      const response = await fetch(url, init);
      if (request.endsWith('/createUploadSession') && response.ok && ++sessionsOpened === 2) bothOpened();
      return response;
    };
    ctx = { ...made.ctx, fetch: logged(made.ctx.fetch) };
    work = await mkdtemp(join(tmpdir(), 'ferry-onedrive-names-'));
  });
  afterAll(async () => {
    await close();
    await rm(work, { recursive: true, force: true });
  });

  const album = async (name: string) => support.import!.create(ctx).ensureContainer({ key: `test:container:${name}`, dataType: 'photos', name });
  const itemOf = (key: string, containerId: string, bytes: Buffer, gate?: Promise<void>, fileName = 'IMG_0001.jpg'): ImportItem<MediaItem> => ({
    key,
    dataType: 'photos',
    title: fileName,
    data: { fileName, mimeType: 'image/jpeg', sizeBytes: bytes.length, captureTime: CAPTURED, downloadSource: 'memory' },
    containerId,
    content: contentOf(bytes, gate),
    upload: memoryProgress(),
  });
  const importOne = async (item: ImportItem<MediaItem>): Promise<ImportResult> => (await support.import!.create(ctx).importBatch([item]))[0]!;
  const dumped = async (folder: string): Promise<Map<string, Buffer>> => {
    const dir = await mkdtemp(join(work, 'dump-'));
    await sandbox.providers.microsoft.dump(dir);
    const albumDir = join(dir, 'photos', 'Ferry', folder);
    const names = (await readdir(albumDir)).filter((n) => !n.endsWith('.json'));
    return new Map(await Promise.all(names.map(async (n) => [n, await readFile(join(albumDir, n))] as const)));
  };

  it('uploads a new file without looking the folder up first', async () => {
    const containerId = await album('Fresh');
    requests.length = 0;
    const result = await importOne(itemOf('test:fresh', containerId, Buffer.alloc(1000, 1)));
    expect(result.ok).toBe(true);
    expect(requests.filter((r) => r.startsWith('GET '))).toEqual([]);
    expect(requests.filter((r) => r.endsWith('/createUploadSession'))).toHaveLength(1);
  });

  it('finds the file made before, and moves a different file of that name to “name (2)”', async () => {
    const containerId = await album('Taken');
    const first = Buffer.alloc(1200, 2);
    const other = Buffer.alloc(1300, 3);
    const made = await importOne(itemOf('test:first', containerId, first));
    const again = await importOne(itemOf('test:first', containerId, first));
    expect(again.ok && made.ok && again.destinationId === made.destinationId).toBe(true);
    const second = await importOne(itemOf('test:other', containerId, other));
    expect(second.ok).toBe(true);
    const files = await dumped('Taken');
    expect([...files.keys()].sort()).toEqual(['IMG_0001 (2).jpg', 'IMG_0001.jpg']);
    expect(files.get('IMG_0001.jpg')!.equals(first)).toBe(true);
    expect(files.get('IMG_0001 (2).jpg')!.equals(other)).toBe(true);
  });

  it('two items named alike side by side: the one OneDrive refuses at its last fragment goes again under a free name', async () => {
    const containerId = await album('Side by side');
    // Neither sends a byte before both have their session: the name is free for both when they ask.
    sessionsOpened = 0;
    const gate = new Promise<void>((resolve) => (bothOpened = resolve));
    const a = itemOf('test:a', containerId, Buffer.alloc(1400, 4), gate);
    const b = itemOf('test:b', containerId, Buffer.alloc(1500, 5), gate);
    const [ra, rb] = await Promise.all([importOne(a), importOne(b)]);
    const refused = [ra!, rb!].filter((r) => !r.ok);
    expect(refused).toHaveLength(1);
    const error = (refused[0] as { error: AdapterError }).error;
    expect(error).toBeInstanceOf(AdapterError);
    expect(error.errorClass).toBe('retry');
    expect(error.message).toContain('IMG_0001.jpg');
    const loser = refused[0]!.key === a.key ? a : b;
    expect(await loser.upload!.load(), 'the spent session is forgotten').toBeUndefined();
    const retried = { ...loser, content: contentOf(Buffer.alloc(loser === a ? 1400 : 1500, loser === a ? 4 : 5)) };
    expect((await importOne(retried)).ok).toBe(true);
    const files = await dumped('Side by side');
    expect([...files.keys()].sort()).toEqual(['IMG_0001 (2).jpg', 'IMG_0001.jpg']);
    expect([...files.values()].map((f) => f.length).sort()).toEqual([1400, 1500]);
  });
});
