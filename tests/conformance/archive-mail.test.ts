/**
 * The Ferry archive's mail: every message of `mail/<folder>.mbox` read back with its folder, labels, flags and own
 * bytes, then moved into Gmail. What left is judged against the folder the sample archive was zipped from
 * (tests/sandbox/sample-data/archive.ts).
 */
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MailMessage } from '../../model/mail';
import { readArchivedMessage } from '../../model/mail-archive';
import { readMbox } from '../../model/mail-mbox';
import { ARCHIVE_ACCOUNT, archiveExporter, useSampleArchive, bytesOf, collect, moveInto } from './archive-read-fixture';
import { exportAll } from './export-all';
import { diffMail, mailCount, readMailFacts } from '../harness/mail-facts';

const { sample, dir } = useSampleArchive();

describe('Ferry archive: mail', () => {
  it('every message in its folder with its labels and flags, and its own bytes without the archive header fields', async () => {
    const exporter = await archiveExporter(sample().zip, 'mail');
    const { containers, items } = await exportAll<MailMessage>(exporter);
    const mailDir = join(sample().folder, 'mail');
    const files = (await readdir(mailDir)).sort();
    expect(containers.map((c) => c.name).sort()).toEqual(files.map((f) => f.replace(/\.mbox$/, '')).sort());
    expect(containers.find((c) => c.isDefault)?.name).toBe('Inbox');
    let n = 0;
    for (const file of files) {
      const folder = file.replace(/\.mbox$/, '');
      let index = 0;
      for await (const entry of readMbox(createReadStream(join(mailDir, file)))) {
        const want = readArchivedMessage(folder, await collect(entry.body));
        const item = items.find((i) => i.key === `archive:${ARCHIVE_ACCOUNT}:mail:${file}/${index}`)!;
        expect(item, `${file} #${index}`).toBeDefined();
        expect(item.containerKey).toBe(`archive:${ARCHIVE_ACCOUNT}:mail:container:${folder}`);
        expect(item.data.folders).toEqual([folder, ...want.labels]);
        expect({ read: item.data.read, flagged: item.data.flagged, important: item.data.important, draft: item.data.draft }).toEqual({ read: want.read, flagged: want.flagged, important: want.important, draft: want.draft });
        expect(item.data.sizeBytes).toBe(want.raw.length);
        expect(item.data.messageId).toMatch(/^<.+>$/);
        const raw = await bytesOf(await exporter.openContent!(item));
        expect(raw.equals(Buffer.from(want.raw)), `${file} #${index}: bytes`).toBe(true);
        index += 1;
        n += 1;
      }
    }
    expect(items).toHaveLength(n);
    const first = items[0]!;
    const fresh = await archiveExporter(sample().zip, 'mail');
    const again = await bytesOf(await fresh.openContent!(first, 10));
    expect(again.equals((await bytesOf(await exporter.openContent!(first))).subarray(10)), 'a message asked for after a restart, from an offset').toBe(true);
  });

  it('mail → Google: every message byte for byte, with its folders, labels and flags', async () => {
    const arrived = await readMailFacts(await moveInto(sample().zip, dir(), 'google', 'mail'));
    const left = await readMailFacts(sample().folder);
    expect(mailCount(arrived)).toBe(mailCount(left));
    expect(diffMail(left, arrived, () => new Set()).slice(0, 40)).toEqual([]);
  }, 120_000);
});
