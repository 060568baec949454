/**
 * Exports the posts of an archive's `posts/outbox.json` (map.ts reads it), in the outbox's order, into one
 * timeline. The file is read when the export starts; a post's key is its ActivityStreams id, the same at every
 * reading.
 */
import { AdapterError, type AdapterContext, type ExportPage, type ExportedItem, type Exporter } from '../../../model/adapter';
import { postLabel, type Post } from '../../../model/post';
import { pageAt, planOnce } from '../../archive-paging';
import { entryJson } from '../../zip-entry';
import { openFerryArchive, typeFiles } from '../client';
import { activitiesOf, postOf } from './map';

export const PAGE_SIZE = 200;
export const OUTBOX = 'outbox.json';

export const containerKey = (account: string): string => `archive:${account}:posts:container:outbox`;
export const postKey = (account: string, id: string): string => `archive:${account}:posts:${OUTBOX}/${id}`;

export class ArchivePostsExporter implements Exporter {
  readonly dataType = 'posts' as const;
  private readonly open = planOnce(() => this.plan());

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  private async plan(): Promise<ExportedItem<Post>[]> {
    const archive = await openFerryArchive(this.ctx);
    const outbox = typeFiles(archive, 'posts', 'posts').find((f) => f.path === OUTBOX);
    if (!outbox && archive.written.has('posts')) return [];
    if (!outbox) throw new AdapterError(`${archive.name} has a posts/ folder but no posts/${OUTBOX} in it, so its posts cannot be read.`, 'fatal');
    const { file } = outbox;
    const activities = activitiesOf(await entryJson(file));
    if (!activities) throw new AdapterError(`${file.path} in ${file.part} is not an ActivityStreams collection: it has no "orderedItems" list.`, 'fatal');
    const account = this.ctx.account;
    const items: ExportedItem<Post>[] = [];
    const seen = new Set<string>();
    activities.forEach((activity, i) => {
      const post = postOf(activity);
      if (post === undefined) return;
      if (typeof post === 'string') throw new AdapterError(`Activity ${i + 1} of ${file.path} in ${file.part} cannot be read as a post: ${post}.`, 'fatal');
      if (seen.has(post.id)) throw new AdapterError(`${file.path} in ${file.part} holds two posts with the id ${post.id}; each post must have its own.`, 'fatal');
      seen.add(post.id);
      items.push({ key: postKey(account, post.id), dataType: 'posts', containerKey: containerKey(account), title: postLabel(post), data: post });
    });
    return items;
  }

  async exportPage(cursor: string | undefined): Promise<ExportPage> {
    const items = await this.open();
    return pageAt(items, cursor, this.pageSize, () => [{ key: containerKey(this.ctx.account), dataType: 'posts', name: 'Posts', isDefault: true }]);
  }
}
