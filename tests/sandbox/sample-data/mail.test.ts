/** The sample mailbox: the volumes the end-to-end run uses, deterministic bytes, one message over 4 MB. */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readExpected } from '../../conformance/mail.suite';
import { headerValue, parseHeaderBlock } from '../../../model/mail-headers';
import { MAIL_FIXTURES_DIR, fixtureMessages, writeSampleMail } from './mail';

const dirs: string[] = [];
const fresh = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ferry-sample-mail-'));
  dirs.push(dir);
  return dir;
};
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const hashOf = async (dir: string) => {
  const hash = createHash('sha256');
  for (const file of (await readdir(join(dir, 'mail'))).sort()) hash.update(file).update(await readFile(join(dir, 'mail', file)));
  return hash.digest('hex');
};

describe('writeSampleMail', () => {
  it('writes 1,000 messages in 10 folders, flags and labels among them, and one message over 4 MB', async () => {
    const dir = await fresh();
    const written = await writeSampleMail(dir, { seed: 3 });
    expect(written.messages).toBe(1000);
    expect((await readdir(join(dir, 'mail'))).filter((f) => f.endsWith('.mbox'))).toHaveLength(10);
    const messages = await readExpected(dir);
    expect(messages).toHaveLength(1000);
    expect(messages.some((m) => !m.read) && messages.some((m) => m.flagged) && messages.some((m) => m.important)).toBe(true);
    expect(messages.some((m) => m.labels.length >= 2)).toBe(true);
    expect(Math.max(...messages.map((m) => m.raw.length))).toBeGreaterThan(4 * 1024 * 1024);
    if (existsSync(MAIL_FIXTURES_DIR)) {
      const ids = new Set(messages.map((m) => m.messageId));
      const fixtureIds = (await fixtureMessages()).map((raw) => headerValue(parseHeaderBlock(raw), 'Message-ID')?.trim()).filter(Boolean);
      expect(fixtureIds.length).toBeGreaterThan(20);
      for (const id of fixtureIds) expect(ids.has(id!), `real-world message ${id}`).toBe(true);
    }
    else console.warn(`[skipped] ${MAIL_FIXTURES_DIR} absent: no real-world messages in the sample`);
  });

  it('writes the same bytes for the same seed', async () => {
    const [a, b] = [await fresh(), await fresh()];
    await writeSampleMail(a, { count: 80, seed: 9, largeAttachmentBytes: 0 });
    await writeSampleMail(b, { count: 80, seed: 9, largeAttachmentBytes: 0 });
    expect(await hashOf(a)).toBe(await hashOf(b));
  });
});
