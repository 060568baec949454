import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '../harness/fixtures';
import { stopServiceWorker } from '../harness/browser';
import { startTransfer } from '../harness/scenario';
import type { SandboxControl } from '../harness/sandbox-control';
import type { ProviderName } from '../sandbox/core/types';
import { solidJpeg } from '../sandbox/sample-data/jpeg-encode';
import { writeSidecar } from '../../model/media-sidecar';
import { UPLOAD_CHUNK_BYTES } from '../../adapters/google/photos/upload';
import { FRAGMENT_BYTES } from '../../adapters/microsoft/photos/upload';

/** Three large videos, each many chunks long and not a multiple of any, with a few small photos beside them. */
const VIDEOS = 3;
const VIDEO_BYTES = 40 * 1024 * 1024 + 4_321;
const PHOTOS = 6;
const STOPS = 3;
const ALBUM = 'Long takes';
const CHUNK: Record<ProviderName, number> = { google: UPLOAD_CHUNK_BYTES, microsoft: FRAGMENT_BYTES };

interface Session {
  name: string;
  size: number;
  received: number;
  bytesReceived: number;
  /** Bytes of chunks cut off mid-way by a stopped worker. */
  bytesCutOff: number;
  finished: boolean;
}

/** Every upload session the destination saw, with the bytes each received (re-sent ones included). */
async function sessionsAt(control: SandboxControl, provider: ProviderName): Promise<Session[]> {
  if (provider === 'google') {
    const snap = await control.snapshot<{ photos: { uploadSessions: { fileName: string | null; size: number | null; received: number; bytesReceived: number; bytesCutOff: number; status: string }[] } }>('google');
    return snap.photos.uploadSessions.map((u) => ({ name: u.fileName ?? '', size: u.size ?? 0, received: u.received, bytesReceived: u.bytesReceived, bytesCutOff: u.bytesCutOff, finished: u.status !== 'active' }));
  }
  const snap = await control.snapshot<{ photos: { uploadHistory: { name: string; size: number | null; received: number; bytesReceived: number; bytesCutOff: number; committed: boolean }[] } }>('microsoft');
  return snap.photos.uploadHistory.map((u) => ({ name: u.name, size: u.size ?? 0, received: u.received, bytesReceived: u.bytesReceived, bytesCutOff: u.bytesCutOff, finished: u.committed }));
}

async function writeSeed(dir: string): Promise<void> {
  const album = path.join(dir, 'photos', ALBUM);
  await mkdir(album, { recursive: true });
  for (let i = 0; i < VIDEOS; i++) {
    await writeFile(path.join(album, `take-${i + 1}.mp4`), randomBytes(VIDEO_BYTES));
    await writeFile(path.join(album, `take-${i + 1}.mp4.json`), writeSidecar({ captureTime: `2024-03-0${i + 1}T10:00:00Z`, albumOrder: i }));
  }
  for (let i = 0; i < PHOTOS; i++) {
    await writeFile(path.join(album, `still-${i + 1}.jpg`), solidJpeg(16, 16, [i * 40, 90, 200 - i * 30]));
    await writeFile(path.join(album, `still-${i + 1}.jpg.json`), writeSidecar({ albumOrder: VIDEOS + i }));
  }
}

/** SHA-256 of every media file under `<dir>/photos`, by file name (a name seen twice is a duplicate). */
async function hashes(dir: string): Promise<{ byName: Map<string, string>; duplicates: string[] }> {
  const byName = new Map<string, string>();
  const duplicates: string[] = [];
  const walk = async (at: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (!entry.name.endsWith('.json')) {
        if (byName.has(entry.name)) duplicates.push(entry.name);
        byName.set(entry.name, createHash('sha256').update(await readFile(full)).digest('hex'));
      }
    }
  };
  await walk(path.join(dir, 'photos'));
  return { byName, duplicates };
}

const directions: [ProviderName, ProviderName][] = [
  ['google', 'microsoft'],
  ['microsoft', 'google'],
];

for (const [from, to] of directions) {
  test(`large videos ${from} → ${to}: the worker stopped mid-file ${STOPS} times re-sends at most one chunk per file`, async ({ sandbox, app, ferry, scratch }) => {
    test.setTimeout(600_000);
    const seed = path.join(scratch, 'seed');
    await writeSeed(seed);
    await sandbox.control.seed(from, seed);
    const left = await hashes(seed);

    await startTransfer(app, { from, to, types: ['Photos and videos'] });
    const stops: string[] = [];
    let lastStopBytes = 0;
    while (stops.length < STOPS) {
      const job = await app.currentJob();
      if (job && job.status !== 'running') break;
      const sessions = await sessionsAt(sandbox.control, to);
      const total = sessions.reduce((n, s) => n + s.bytesReceived, 0);
      const midFile = sessions.filter((s) => !s.finished && s.received > 0 && s.received < s.size);
      // Stop while files are part-way up, and only once the uploads moved on well past the last stop.
      if (midFile.length > 0 && total - lastStopBytes >= 24 * 1024 * 1024) {
        await stopServiceWorker(ferry.context, app.page);
        lastStopBytes = total;
        stops.push(midFile.map((s) => `${s.name} at ${(s.received / 2 ** 20).toFixed(1)} MiB`).join(', '));
        continue;
      }
      await app.page.waitForTimeout(50);
    }
    console.log(`[upload-resume] ${from} → ${to} stopped mid-file: ${stops.join(' | ')}`);
    expect(stops.length, `stopped ${stops.length} times`).toBeGreaterThanOrEqual(2);

    const job = await app.waitForJob(undefined, 400_000);
    expect(job.status, job.statusMessage).toBe('done');
    expect(job.failures).toEqual([]);

    const arrivedDir = path.join(scratch, 'arrived');
    await sandbox.control.dump(to, arrivedDir);
    const arrived = await hashes(arrivedDir);
    expect(arrived.duplicates).toEqual([]);
    expect([...arrived.byName.keys()].sort()).toEqual([...left.byName.keys()].sort());
    for (const [name, sha] of left.byName) expect(arrived.byName.get(name), `${name} arrived with other bytes`).toBe(sha);

    // What each video's sessions received beyond its size was sent twice; a chunk a stop cut off was sent in
    // vain. Each stop may cost a file in flight its one chunk on the wire, and nothing the destination holds.
    const sessions = await sessionsAt(sandbox.control, to);
    const report: string[] = [];
    for (let i = 1; i <= VIDEOS; i++) {
      const name = `take-${i}.mp4`;
      const own = sessions.filter((s) => s.name === name);
      const twice = own.reduce((n, s) => n + s.bytesReceived, 0) - VIDEO_BYTES;
      const cutOff = own.reduce((n, s) => n + s.bytesCutOff, 0);
      report.push(`${name}: ${own.length} session(s), ${twice} bytes received twice, ${cutOff} cut off`);
      expect(own.length, `${name} started over`).toBe(1);
      expect(twice, `${name} bytes received twice`).toBeLessThanOrEqual(CHUNK[to]);
      expect(cutOff, `${name} lost more than one chunk per stop`).toBeLessThanOrEqual(stops.length * CHUNK[to]);
    }
    console.log(`[upload-resume] ${from} → ${to}: ${report.join('; ')}`);
  });
}
