import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../harness/paths';

const TARGETS = [
  { dir: 'chrome-mv3', args: ['build'] },
  { dir: 'firefox-mv3', args: ['build', '-b', 'firefox', '--mv3'] },
];

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe.each(TARGETS)('production build $dir', ({ dir, args }) => {
  const out = path.join(REPO_ROOT, '.output', dir);
  beforeAll(() => {
    execFileSync('npx', ['wxt', ...args], { cwd: REPO_ROOT, stdio: 'ignore' });
  }, 120_000);

  it('contains no local address anywhere', async () => {
    for (const file of await filesUnder(out)) {
      const text = await readFile(file, 'latin1');
      expect(/127\.0\.0\.1|localhost|\[::1\]/.test(text), `${path.relative(out, file)} names a local address`).toBe(false);
    }
  });

  it('asks for least privilege: provider hosts only as optional permissions, a strict CSP, no remote code', async () => {
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.content_scripts).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.key).toBeUndefined();
    expect(manifest.permissions.sort()).toEqual(['alarms', 'identity', 'storage', 'unlimitedStorage']);
    const optional: string[] = manifest.optional_host_permissions ?? manifest.optional_permissions ?? [];
    expect(optional.length).toBeGreaterThan(0);
    // `https://*/*` only for the servers people name for CalDAV, CardDAV and WebDAV: asked per origin on a click.
    for (const pattern of optional) expect(pattern).toMatch(/^https:\/\/((\*\.)?[a-z0-9.-]+\.(com|net|org)|\*)\/\*$/);
    const csp: string = manifest.content_security_policy?.extension_pages ?? manifest.content_security_policy;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:\/\/[^ ;]*\*/);
  });
});
