/** Posts, as ActivityStreams 2.0 Notes (the `object` of a Create activity). */
export interface Post {
  /** AS2 id of the note at its source. */
  id: string;
  content: string;
  /** RFC 3339 */
  published: string;
  summary?: string;
  inReplyTo?: string;
  sensitive?: boolean;
  language?: string;
  tags: string[];
  attachments: { mediaType: string; url: string; name?: string }[];
  visibility: 'public' | 'unlisted' | 'followers' | 'direct';
}

/** The start of the post's text a person would recognise it by (its day when it has no text), for titles. */
export const postLabel = (post: Post): string => post.content.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80) || `Post of ${post.published.slice(0, 10)}`;
