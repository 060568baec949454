/** Posts staged for the archive's `posts/outbox.json`, an ActivityStreams 2.0 outbox (README.md, "Layout"). */
import type { AdapterContext } from '../../../model/adapter';
import type { Post } from '../../../model/post';
import { StagingImporter } from '../staging-importer';

/**
 * An AS2 Note holds them all; visibility as its audience (public: `to` the Public collection, unlisted: `cc` it,
 * followers-only: neither). A direct message's recipients are not in the model, so `direct` is reported per post.
 */
export const POSTS_FIELDS_KEPT: readonly string[] = [
  'id',
  'content',
  'published',
  'summary',
  'inReplyTo',
  'sensitive',
  'language',
  'tags',
  'attachments',
  'visibility',
];

export class ArchivePostsImporter extends StagingImporter<Post> {
  constructor(ctx: AdapterContext) {
    super(ctx, 'posts', {
      wantsContent: () => false,
      prepare: (item) => ({
        data: item.data,
        lost:
          item.data.visibility === 'direct'
            ? [{ field: 'visibility', reason: 'The archive names no recipients, so a direct post is written as seen by followers only.' }]
            : [],
      }),
    });
  }
}
