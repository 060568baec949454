/**
 * Where a secret (a token, an app password) could be left at rest, for the tests that prove it never is: Ferry's
 * storage (storage.local and every IndexedDB store) as text, and the files of the browser profile on disk.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';

/** storage.local and every IndexedDB store of Ferry's, as text, read from one of Ferry's own pages. */
export async function storedText(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const out: string[] = [];
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const name of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        out.push(JSON.stringify(rows));
      }
      db.close();
    }
    const chromeApi = (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<unknown> } } } }).chrome;
    out.push(JSON.stringify(await chromeApi.storage.local.get(null)));
    return out.join('\n');
  });
}

/** The files under `dir` (up to 64 MiB each) whose bytes hold any of `needles` as UTF-8. */
export async function filesHolding(dir: string, needles: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (!entry.isFile() || (await stat(full)).size > 64 * 1024 * 1024) continue;
    const bytes = await readFile(full).catch(() => Buffer.alloc(0));
    if (needles.some((needle) => bytes.includes(Buffer.from(needle, 'utf8')))) found.push(full);
  }
  return found;
}
