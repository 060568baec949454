import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { providers } from '../../adapters';
import { REPO_ROOT } from '../harness/paths';

/**
 * Every adapter folder looks like every other one (as rclone's backends do), so a new provider is a
 * copy of a pattern: registered, documented, with its sandbox and a conformance run per data type.
 */
const ADAPTERS = path.join(REPO_ROOT, 'adapters');
/** Providers whose tests start the real server (Radicale, Xandikos: tests/harness/real-servers.ts) instead of a sandbox. */
const REAL_SERVER_PROVIDERS = new Set(['caldav', 'carddav']);
const folders = readdirSync(ADAPTERS, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

describe.each(folders)('adapters/%s', (folder) => {
  const provider = providers.find((p) => p.id === folder);

  it('is registered in adapters/index.ts under its folder name', () => {
    expect(provider, `adapters/${folder} is not in the registry`).toBeDefined();
  });

  it('has the files every adapter has', () => {
    for (const file of ['README.md', 'descriptor.ts', 'client.ts']) {
      expect(existsSync(path.join(ADAPTERS, folder, file)), `adapters/${folder}/${file}`).toBe(true);
    }
  });

  it('has a sandbox', () => {
    // A provider read from the person's own files has no server to stand in for: its sandbox is a sample export;
    // a protocol adapter is tested against real servers the tests start.
    if (provider?.auth.kind === 'local-files') expect(existsSync(path.join(REPO_ROOT, 'tests', 'sandbox', 'sample-data', `${folder}.ts`)), `sample-data/${folder}.ts`).toBe(true);
    else if (REAL_SERVER_PROVIDERS.has(folder)) expect(existsSync(path.join(REPO_ROOT, 'tests', 'harness', 'real-servers.ts'))).toBe(true);
    else expect(existsSync(path.join(REPO_ROOT, 'tests', 'sandbox', folder, 'index.ts'))).toBe(true);
  });

  it('documents and conformance-tests every data type it declares', () => {
    const readme = readFileSync(path.join(ADAPTERS, folder, 'README.md'), 'utf8').toLowerCase();
    for (const dataType of Object.keys(provider?.dataTypes ?? {})) {
      expect(existsSync(path.join(ADAPTERS, folder, dataType, 'map.ts')), `adapters/${folder}/${dataType}/map.ts`).toBe(true);
      expect(readme, `README of ${folder} says nothing of ${dataType}`).toContain(dataType);
      const conformance = path.join(REPO_ROOT, 'tests', 'conformance', `${folder}-${dataType}.test.ts`);
      expect(existsSync(conformance), path.relative(REPO_ROOT, conformance)).toBe(true);
    }
  });
});
