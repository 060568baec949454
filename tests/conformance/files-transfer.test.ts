/**
 * Issue 5's transfer: 500 files in nested folders plus one 2 GiB file move from the OneDrive sandbox to a real
 * `rclone serve webdav` and back, through the adapters alone (exporter → importer in Node, as the engine drives them).
 * The large file is generated as a stream and never held: the test asserts the bytes that arrive (SHA-256 on the
 * WebDAV side, OneDrive's own quickXorHash and SHA-1 on the way back) and that the process's memory stays bounded
 * while it moves (RSS growth under 384 MiB, JS heap growth under 128 MiB), and prints the throughput of each leg.
 * FERRY_FILES_BIG_BYTES changes the large file's size (default 2 GiB).
 */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microsoft } from '../../adapters/microsoft/descriptor';
import { MicrosoftFilesExporter } from '../../adapters/microsoft/files/export';
import { webdav } from '../../adapters/webdav/descriptor';
import type { DataTypeSupport } from '../../model/adapter';
import { ALICE } from '../sandbox/microsoft/account';
import { createMicrosoftSandbox } from '../sandbox/microsoft/index';
import { startSandbox } from '../sandbox/server';
import { startWebdav, webdavContext, type RunningWebdav } from '../sandbox/webdav/index';
import { exportAll, moveFiles, type Moved } from './files-pipeline';
import { randomBytes, readTree, type TreeFact } from './files-tree';
import { sandboxContext } from './sandbox-target';

const BIG_BYTES = Number(process.env.FERRY_FILES_BIG_BYTES ?? 2 * 1024 ** 3);
const BIG_PATH = 'Video/raw/footage.bin';
const SMALL_FILES = 500;
const RSS_BOUND = 384 * 1024 ** 2;
const HEAP_BOUND = 128 * 1024 ** 2;
const MIB = 1024 ** 2;

/** 500 files of 1–64 KiB in 10 folders × 5 subfolders, an empty folder, and the large file written as it is generated. */
async function writeTransferTree(dir: string): Promise<void> {
  for (let i = 0; i < SMALL_FILES; i++) {
    const folder = join(dir, `Projects ${i % 10}`, `part-${Math.floor(i / 10) % 5}`);
    await mkdir(folder, { recursive: true });
    const path = join(folder, `file ${i}.dat`);
    await writeFile(path, Buffer.concat([...randomBytes(1024 + ((i * 7919) % (63 * 1024)), i + 1)]));
    await utimes(path, 1_700_000_000 + i * 3600, 1_700_000_000 + i * 3600);
  }
  await mkdir(join(dir, 'Projects 0', 'empty'), { recursive: true });
  await mkdir(join(dir, 'Video', 'raw'), { recursive: true });
  const out = createWriteStream(join(dir, BIG_PATH));
  for (const piece of randomBytes(BIG_BYTES, 2026, 4 * MIB)) if (!out.write(piece)) await new Promise((r) => out.once('drain', r));
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/** Runs `work` while sampling memory; the growth of RSS and heap over what was in use before. */
async function measured(work: () => Promise<Moved>): Promise<{ moved: Moved; rssGrowth: number; heapGrowth: number; buffersGrowth: number }> {
  const before = process.memoryUsage();
  let rss = before.rss;
  let heap = before.heapUsed;
  let buffers = before.arrayBuffers;
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heap = Math.max(heap, now.heapUsed);
    buffers = Math.max(buffers, now.arrayBuffers);
  }, 100);
  try {
    const moved = await work();
    return { moved, rssGrowth: rss - before.rss, heapGrowth: heap - before.heapUsed, buffersGrowth: buffers - before.arrayBuffers };
  } finally {
    clearInterval(timer);
  }
}

function report(leg: string, run: { moved: Moved; rssGrowth: number; heapGrowth: number; buffersGrowth: number }): void {
  const { moved } = run;
  const rate = moved.bytes / MIB / moved.seconds;
  console.log(
    `${leg}: ${moved.items.length} items, ${(moved.bytes / MIB).toFixed(0)} MiB in ${moved.seconds.toFixed(1)} s = ${rate.toFixed(1)} MiB/s; ` +
      `RSS +${(run.rssGrowth / MIB).toFixed(0)} MiB, heap +${(run.heapGrowth / MIB).toFixed(0)} MiB, buffers +${(run.buffersGrowth / MIB).toFixed(0)} MiB`,
  );
}

const failures = (moved: Moved) => moved.results.flatMap((r) => (r.ok ? [] : [`${r.key}: ${r.error.message}`]));

describe('files: 500 files and a 2 GiB file, OneDrive sandbox ↔ rclone WebDAV', () => {
  let scratch: string;
  let server: RunningWebdav;
  let seeded: Map<string, TreeFact>;
  let closeSandbox: () => Promise<void>;
  let onedrive: ReturnType<typeof sandboxContext>['ctx'];
  let account: { reset(): void; seed(dir: string): Promise<void> };

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'ferry-files-transfer-'));
    await writeTransferTree(join(scratch, 'seed', 'files'));
    seeded = await readTree(join(scratch, 'seed', 'files'));
    const sandbox = await startSandbox({ port: 0, providers: [(ctx) => createMicrosoftSandbox(ctx, { serviceTimeMs: 0 })] });
    const files = microsoft.dataTypes.files as DataTypeSupport;
    const opened = sandboxContext(sandbox, 'microsoft', microsoft, files, { tokenAccount: ALICE.id, contextAccount: ALICE.id });
    onedrive = opened.ctx;
    account = sandbox.providers.microsoft;
    account.reset();
    await account.seed(join(scratch, 'seed'));
    closeSandbox = opened.close;
    server = await startWebdav();
  }, 900_000);

  afterAll(async () => {
    account?.reset();
    await closeSandbox?.();
    await server?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('moves everything to WebDAV and back with every hash equal and memory bounded', async () => {
    const toWebdav = await measured(() => moveFiles(microsoft.dataTypes.files!.export!.create(onedrive), webdav.dataTypes.files!.import!.create(webdavContext(server)), 10, 2));
    report('OneDrive sandbox → rclone WebDAV', toWebdav);
    expect(failures(toWebdav.moved)).toEqual([]);
    const arrived = await readTree(join(server.dir, 'OneDrive'));
    // The drive's Photos special folder ("Pictures", empty here) is one of its folders and moves too.
    const expected = new Map([...seeded, ['Pictures', { kind: 'folder', size: 0, mtime: 0 } as TreeFact]]);
    expect([...arrived.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [path, fact] of expected) expect(arrived.get(path)?.sha256, path).toBe(fact.sha256);
    expect(arrived.get(BIG_PATH)?.size).toBe(BIG_BYTES);

    const back = webdavContext(server, `${server.url}OneDrive/`);
    const toOneDrive = await measured(() => moveFiles(webdav.dataTypes.files!.export!.create(back), microsoft.dataTypes.files!.import!.create(onedrive), 10, 2));
    report('rclone WebDAV → OneDrive sandbox', toOneDrive);
    expect(failures(toOneDrive.moved)).toEqual([]);
    // OneDrive's own hashes of what came back, against those it reported for the originals.
    const original = new Map(toWebdav.moved.items.map((item) => [item.data.path, item.data]));
    const { items: copies } = await exportAll(new MicrosoftFilesExporter(onedrive, 200, 'root:/127.0.0.1:'));
    expect(copies.map((item) => item.data.path).sort()).toEqual([...expected.keys()].sort());
    for (const copy of copies) {
      expect(copy.data.kind, copy.data.path).toBe(expected.get(copy.data.path)?.kind);
      if (copy.data.kind === 'file') {
        expect(copy.data.hashes.quickXorHash, copy.data.path).toBeTruthy();
        expect(copy.data.hashes, copy.data.path).toEqual(original.get(copy.data.path)?.hashes);
      }
    }

    for (const run of [toWebdav, toOneDrive]) {
      expect(run.rssGrowth).toBeLessThan(RSS_BOUND);
      expect(run.heapGrowth).toBeLessThan(HEAP_BOUND);
    }
  }, 1_800_000);
});
