/**
 * The WebDAV files adapter against a real `rclone serve webdav` through the files conformance suite, and the upload
 * a browser makes over HTTP/1.1 (where it cannot stream a request body) against the same server.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webdav } from '../../adapters/webdav/descriptor';
import { WebdavFilesImporter } from '../../adapters/webdav/files/import';
import type { AdapterContext, FetchLike } from '../../model/adapter';
import { startWebdav, webdavContext, type RunningWebdav } from '../sandbox/webdav/index';
import { runFilesConformance } from './files.suite';
import { fileContent, randomBytes, writeSampleTree } from './files-tree';

runFilesConformance({
  name: 'webdav (rclone serve webdav)',
  provider: webdav,
  standingFolders: [],
  // rclone reports no checksum over WebDAV (no oc:checksums); Nextcloud does.
  reportedHashes: [],
  // rclone 1.60 ignores X-OC-Mtime and refuses PROPPATCH of getlastmodified: the time is reported lost.
  keepsModified: false,
  async open() {
    const server = await startWebdav();
    return {
      ctx: webdavContext(server),
      seed: (dir) => cp(dir, server.dir, { recursive: true, preserveTimestamps: true }),
      importedTree: async (name) => join(server.dir, name),
      close: () => server.close(),
    };
  },
});

describe('webdav files: a browser over HTTP/1.1', () => {
  let server: RunningWebdav;
  let dir: string;
  beforeAll(async () => {
    server = await startWebdav();
    dir = await mkdtemp(join(tmpdir(), 'ferry-webdav-blob-'));
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('falls back from a streamed body the browser refuses to a Blob made of bounded parts, and the file arrives whole', async () => {
    const context = webdavContext(server);
    const refused: string[] = [];
    // Chromium fails a ReadableStream body over HTTP/1.1 at once with a TypeError (../shared/browser-facts.md).
    const browserLike: FetchLike = async (url, init) => {
      if (init?.body instanceof ReadableStream) {
        refused.push(url);
        throw new TypeError('Failed to fetch');
      }
      return context.fetch(url, init);
    };
    const ctx: AdapterContext = { ...context, fetch: browserLike };
    const importer = new WebdavFilesImporter(ctx);
    const path = join(dir, 'big.bin');
    const size = 20 * 1024 * 1024 + 7;
    await writeSampleTree(dir);
    await writeFile(path, Buffer.concat([...randomBytes(size, 99)]));
    const containerId = await importer.ensureContainer({ key: 'c', dataType: 'files', name: 'From a browser' });
    const results = await importer.importBatch(
      ['big.bin', 'zero.bin', 'Documents/report.txt'].map((p) => ({
        key: p,
        dataType: 'files' as const,
        title: p,
        containerId,
        data: { kind: 'file' as const, path: p, name: p.split('/').at(-1)!, sizeBytes: p === 'big.bin' ? size : p === 'zero.bin' ? 0 : 1200, hashes: {} },
        content: (from?: number) => fileContent(join(dir, p), from),
      })),
    );
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    expect(refused).toHaveLength(1);
    for (const p of ['big.bin', 'zero.bin', 'Documents/report.txt']) {
      expect(Buffer.compare(await readFile(join(server.dir, 'From a browser', p)), await readFile(join(dir, p))), p).toBe(0);
    }
  });
});
