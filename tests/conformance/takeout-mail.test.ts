/**
 * The mail of the sample Takeout (one mbox with X-Gmail-Labels) → the Gmail sandbox: every message arrives
 * byte for byte, in its folder, with its labels and flags. The sample Takeout's mbox is made from the mail
 * sample, so the same sample written again says what each message must be.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { takeout } from '../../adapters/takeout/descriptor';
import { readArchivedMessage, type ArchivedMessage } from '../../model/mail-archive';
import { readMbox } from '../../model/mail-mbox';
import { writeSampleMail } from '../sandbox/sample-data/mail';
import { openDestination } from './archive-destinations';
import { archiveContext, chosenFiles, transfer } from './archive-transfer';
import { TAKEOUT_SAMPLE, useSampleTakeout } from './takeout-fixture';

const { sample, dir } = useSampleTakeout();
const placesOf = (m: ArchivedMessage): string[] => [m.folder, ...m.labels].sort();
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function* whole(path: string): AsyncGenerator<Uint8Array> {
  yield new Uint8Array(await readFile(path));
}

async function messagesIn(mailDir: string): Promise<ArchivedMessage[]> {
  const out: ArchivedMessage[] = [];
  for (const file of await readdir(mailDir)) {
    for await (const message of readMbox(whole(join(mailDir, file)))) {
      const parts: Uint8Array[] = [];
      for await (const part of message.body) parts.push(part);
      out.push(readArchivedMessage(file.replace(/\.mbox$/, ''), Buffer.concat(parts)));
    }
  }
  return out;
}

describe('Takeout mail → google', () => {
  it('every message arrives byte for byte in its folder with its labels and flags', async () => {
    const target = await openDestination('google', 'mail');
    try {
      const exporter = takeout.dataTypes.mail!.export!.create(archiveContext(await chosenFiles(sample().parts)));
      const { items, results } = await transfer(exporter, target.support.import!.create(target.ctx), target.support.import!.batchSize);
      expect(items).toHaveLength(sample().messages);
      for (const [key, result] of results) expect(result.ok, `${key}: ${result.ok ? '' : result.error.message}`).toBe(true);
      const source = join(dir(), 'mail-source');
      await writeSampleMail(source, { count: TAKEOUT_SAMPLE.mail, folders: 6, largeAttachmentBytes: 200_000, fixtures: false });
      const expected = await messagesIn(join(source, 'mail'));
      const out = join(dir(), 'mail-dump');
      await target.dump(out);
      const arrived = await messagesIn(join(out, 'mail'));
      expect(arrived).toHaveLength(expected.length);
      for (const message of expected) {
        const got = arrived.find((a) => sha(a.raw) === sha(message.raw));
        const label = `${message.folder}: message of ${message.raw.length} bytes`;
        expect(got, `${label}: arrived byte for byte`).toBeDefined();
        // Gmail has labels, not folders: which user label a dump files a message under is its own choice.
        expect(placesOf(got!), `${label}: folder and labels`).toEqual(placesOf(message));
        expect(got!.read, `${label}: read`).toBe(message.read);
        expect(got!.flagged, `${label}: flagged`).toBe(message.flagged);
        expect(got!.important, `${label}: important`).toBe(message.important);
      }
    } finally {
      await target.close();
    }
  }, 60_000);
});
