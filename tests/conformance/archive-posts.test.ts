/**
 * The Ferry archive's posts: `posts/outbox.json` read back post by post, as the sample wrote it and as the archive
 * writer writes one. What left is judged against the folder the sample archive was zipped from
 * (tests/sandbox/sample-data/archive.ts).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Post } from '../../model/post';
import { ARCHIVE_ACCOUNT, archiveExporter, useSampleArchive } from './archive-read-fixture';
import { exportAll } from './export-all';
import { writeZip } from '../sandbox/sample-data/zip-file';

const { sample, dir } = useSampleArchive();

describe('Ferry archive: posts', () => {
  it('every post of the outbox with its content, time, visibility, tags, summary, reply and attachments', async () => {
    const { containers, items } = await exportAll<Post>(await archiveExporter(sample().zip, 'posts'));
    expect(containers).toHaveLength(1);
    expect(items.map((i) => i.data)).toEqual(sample().posts);
    expect(items.map((i) => i.key)).toEqual(sample().posts.map((p) => `archive:${ARCHIVE_ACCOUNT}:posts:outbox.json/${p.id}`));
  });

  it('an outbox that names no one reads as followers-only, hashtags without a # as they are, boosts left out', async () => {
    const note = (id: string, extra: Record<string, unknown>) => ({ type: 'Note', id, published: '2025-04-01T10:00:00Z', content: `<p>${id}</p>`, ...extra });
    const outbox = {
      '@context': 'https://www.w3.org/ns/activitystreams',
      type: 'OrderedCollection',
      orderedItems: [
        { type: 'Create', id: 'a#create', object: note('a', { to: [], cc: [], tag: [{ type: 'Hashtag', name: 'garden' }], attachment: [{ type: 'Image', mediaType: 'image/png', url: { type: 'Link', href: 'https://x.example/a.png' } }] }) },
        { type: 'Announce', id: 'b#announce', object: 'https://other.example/notes/1' },
        { type: 'Create', id: 'c#create', object: note('c', { to: ['https://www.w3.org/ns/activitystreams#Public'], contentMap: { pt: '<p>c</p>' } }) },
      ],
    };
    const zip = join(dir(), 'writer-style.zip');
    await writeZip(zip, [
      { path: 'manifest.json', bytes: JSON.stringify({ format: 'ferry-archive' }) },
      { path: 'posts/outbox.json', bytes: JSON.stringify(outbox) },
    ]);
    const { items } = await exportAll<Post>(await archiveExporter(zip, 'posts'));
    expect(items.map((i) => i.data)).toEqual([
      { id: 'a', content: '<p>a</p>', published: '2025-04-01T10:00:00Z', tags: ['garden'], attachments: [{ mediaType: 'image/png', url: 'https://x.example/a.png' }], visibility: 'followers' },
      { id: 'c', content: '<p>c</p>', language: 'pt', published: '2025-04-01T10:00:00Z', tags: [], attachments: [], visibility: 'public' },
    ]);
  });
});
