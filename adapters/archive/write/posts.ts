/**
 * `posts/outbox.json`: an ActivityStreams 2.0 OrderedCollection (https://www.w3.org/TR/activitystreams-core/) of
 * Create activities, each holding one Note (model/post.ts), oldest first as they arrived. Visibility is the Note's
 * audience, as Mastodon and other fediverse servers address theirs.
 */
import type { Post } from '../../../model/post';
import { stagedItems } from '../scratch-layout';
import type { LayoutContext } from './layout-context';

const AS_CONTEXT = 'https://www.w3.org/ns/activitystreams';
const PUBLIC = `${AS_CONTEXT}#Public`;

const attachmentType = (mediaType: string): string =>
  mediaType.startsWith('image/') ? 'Image' : mediaType.startsWith('video/') ? 'Video' : mediaType.startsWith('audio/') ? 'Audio' : 'Document';

const audience = (visibility: Post['visibility']): { to: string[]; cc: string[] } =>
  visibility === 'public' ? { to: [PUBLIC], cc: [] } : visibility === 'unlisted' ? { to: [], cc: [PUBLIC] } : { to: [], cc: [] };

export function noteOf(post: Post): Record<string, unknown> {
  return {
    type: 'Note',
    id: post.id,
    published: post.published,
    ...(post.summary !== undefined && { summary: post.summary }),
    content: post.content,
    ...(post.language && { contentMap: { [post.language]: post.content } }),
    ...(post.inReplyTo && { inReplyTo: post.inReplyTo }),
    ...(post.sensitive !== undefined && { sensitive: post.sensitive }),
    ...audience(post.visibility),
    tag: post.tags.map((name) => ({ type: 'Hashtag', name })),
    attachment: post.attachments.map((a) => ({ type: attachmentType(a.mediaType), mediaType: a.mediaType, url: a.url, ...(a.name && { name: a.name }) })),
  };
}

export async function writeOutbox(ctx: LayoutContext): Promise<number> {
  const posts = (await stagedItems<Post>(ctx.scratch, 'posts')).map(({ item }) => item.data);
  if (!posts.length) return 0;
  const outbox = {
    '@context': [AS_CONTEXT, { sensitive: 'as:sensitive', Hashtag: 'as:Hashtag' }],
    type: 'OrderedCollection',
    totalItems: posts.length,
    orderedItems: posts.map((post) => {
      const note = noteOf(post);
      return { type: 'Create', id: `${post.id}#create`, published: post.published, to: note.to, cc: note.cc, object: note };
    }),
  };
  await ctx.zip.add('posts/outbox.json', `${JSON.stringify(outbox, null, 2)}\n`, { compress: true, modified: ctx.madeAt });
  return posts.length;
}
