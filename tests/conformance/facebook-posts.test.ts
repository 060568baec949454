/** The posts of a sample Facebook export: text, time, tags, attachments and links, oldest first, mojibake undone. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facebook } from '../../adapters/facebook/descriptor';
import type { Post } from '../../model/post';
import { archiveContext, chosenFiles, exportEverything } from './archive-transfer';
import { writeSampleFacebook } from '../sandbox/sample-data/facebook';

let dir: string;
let sample: Awaited<ReturnType<typeof writeSampleFacebook>>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-facebook-posts-'));
  sample = await writeSampleFacebook(dir);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('Facebook posts', () => {
  it('reads each post of the person’s own, field by field', async () => {
    const exporter = facebook.dataTypes.posts!.export!.create(archiveContext(await chosenFiles([sample.zip])));
    const { containers, items } = await exportEverything(exporter);
    expect(containers.map((c) => c.name)).toEqual(['Facebook posts']);
    const posts = items.map((i) => i.data as Post);
    expect(posts.map((p) => p.published), 'oldest first, the cover-photo change left out').toEqual(sample.posts.map((p) => p.published));
    expect(posts[0]!.content).toBe('<p>Worth a read</p><p><a href="https://example.org/article?id=7&amp;ref=fb">https://example.org/article?id=7&amp;ref=fb</a></p>');
    expect(posts[1]!.content).toBe('<p>Happy new year!</p><p>See you all soon &amp; take care &lt;3</p>');
    expect(posts[2]!.content).toBe('<p>Snow day in the garden ❄️</p>');
    expect(posts[2]!.tags).toEqual(['João Silva']);
    expect(posts[2]!.attachments).toEqual([{ mediaType: 'image/jpeg', url: sample.posts[2]!.attachments[0] }]);
    expect(posts.every((p) => p.visibility === 'followers')).toBe(true);
    expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
  });
});
