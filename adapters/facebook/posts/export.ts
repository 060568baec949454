/**
 * Exports the posts of a Facebook export, oldest first. A post has no id in the export; its key is its time
 * and its place among the posts of that same second, which stay the same from one reading of the export to
 * the next.
 */
import { AdapterError, type AdapterContext, type ExportPage, type ExportedItem, type Exporter } from '../../../model/adapter';
import { postLabel, type Post } from '../../../model/post';
import { pageAt, planOnce } from '../../archive-paging';
import { openFacebook, readPosts } from '../client';
import { fromFacebookPost } from './map';

export const PAGE_SIZE = 200;

export const containerKey = (account: string): string => `facebook:${account}:posts:container:timeline`;
export const postKey = (account: string, id: string): string => `facebook:${account}:posts:${id}`;

export class FacebookPostsExporter implements Exporter {
  readonly dataType = 'posts' as const;
  private readonly open = planOnce(() => this.plan());

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  private async plan(): Promise<ExportedItem<Post>[]> {
    const { postsFiles } = await openFacebook(this.ctx);
    if (!postsFiles.length) throw new AdapterError('The chosen Facebook export has no posts (no your_posts__check_ins__photos_and_videos_1.json): when requesting your information, include Posts.', 'fatal');
    const posts = await readPosts(postsFiles);
    const account = this.ctx.account;
    const sameSecond = new Map<number, number>();
    const items: ExportedItem<Post>[] = [];
    for (const post of posts) {
      const second = post.timestamp ?? 0;
      const n = sameSecond.get(second) ?? 0;
      sameSecond.set(second, n + 1);
      const id = `${second}-${n}`;
      const data = fromFacebookPost(post, id);
      if (!data) continue;
      items.push({ key: postKey(account, id), dataType: 'posts', containerKey: containerKey(account), title: postLabel(data), data });
    }
    return items;
  }

  async exportPage(cursor: string | undefined): Promise<ExportPage> {
    const items = await this.open();
    return pageAt(items, cursor, this.pageSize, () => [{ key: containerKey(this.ctx.account), dataType: 'posts', name: 'Facebook posts', isDefault: true }]);
  }
}
