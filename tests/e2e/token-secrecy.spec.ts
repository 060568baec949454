import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '../harness/fixtures';
import { startTransfer } from '../harness/scenario';
import { writeSampleCalendars } from '../sandbox/sample-data/calendar';

test('no token ever reaches IndexedDB, storage.local, the console or the profile on disk', async ({ sandbox, app, ferry, scratch, profileDir }) => {
  await writeSampleCalendars(path.join(scratch, 'seed'), { events: 40 });
  await sandbox.control.seed('google', path.join(scratch, 'seed'));
  await startTransfer(app, { from: 'google', to: 'microsoft', types: ['Calendar'] });
  const job = await app.waitForJob();
  expect(job.status, job.statusMessage).toBe('done');

  const canaries = sandbox.tokens.issuedTokens();
  expect(canaries.length).toBeGreaterThanOrEqual(3);

  const stored = await app.page.evaluate(async () => {
    const out: string[] = [];
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const name of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(name).objectStore(name).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        out.push(JSON.stringify(rows));
      }
      db.close();
    }
    const chromeApi = (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<unknown> } } } }).chrome;
    out.push(JSON.stringify(await chromeApi.storage.local.get(null)));
    return out.join('\n');
  });
  expect(stored.length).toBeGreaterThan(1000);
  await ferry.context.close();

  const onDisk = await readTree(profileDir);
  for (const token of canaries) {
    expect(stored.includes(token), 'a token in IndexedDB or storage.local').toBe(false);
    expect(ferry.consoleLines.some((line) => line.includes(token)), 'a token in the console').toBe(false);
    const file = onDisk.find(([, bytes]) => bytes.includes(token));
    expect(file?.[0], 'a token written to the profile on disk').toBeUndefined();
  }
});

async function readTree(dir: string): Promise<[string, Buffer][]> {
  const files: [string, Buffer][] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (!entry.isFile() || (await stat(full)).size > 64 * 1024 * 1024) continue;
    files.push([full, await readFile(full).catch(() => Buffer.alloc(0))]);
  }
  return files;
}
