/**
 * `posts/outbox.json` → model Posts (README.md, "Posts"). The file is an ActivityStreams 2.0 OrderedCollection of
 * Create activities, as Mastodon's own export writes its outbox; each activity's object is the post. Visibility is
 * read from the addressing as Mastodon writes it: the public collection in `to` is public, in `cc` unlisted;
 * addressed to people only (no followers collection) is direct; a followers collection, or no one named (as
 * Ferry's archive writes a followers-only post), is followers. A note's own `visibility` wins.
 */
import type { Post } from '../../../model/post';

type Json = Record<string, unknown>;

export const PUBLIC_COLLECTION = 'https://www.w3.org/ns/activitystreams#Public';
const PUBLIC_NAMES = new Set([PUBLIC_COLLECTION, 'as:Public', 'Public']);
const VISIBILITIES: readonly Post['visibility'][] = ['public', 'unlisted', 'followers', 'direct'];

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
/** An id, or the id of a linked object. */
const idOf = (value: unknown): string | undefined => text(value) ?? (isObject(value) ? (text(value.id) ?? text(value.href)) : undefined);

/** The activities of the collection: its orderedItems (or items, as some writers put them). */
export function activitiesOf(collection: unknown): unknown[] | undefined {
  if (!isObject(collection)) return undefined;
  const items = collection.orderedItems ?? collection.items;
  return Array.isArray(items) ? items : undefined;
}

function visibilityOf(note: Json, activity: Json): Post['visibility'] {
  const own = text(note.visibility);
  if (own && (VISIBILITIES as readonly string[]).includes(own)) return own as Post['visibility'];
  const to = [...list(note.to), ...list(activity.to)].map(idOf);
  const cc = [...list(note.cc), ...list(activity.cc)].map(idOf);
  if (to.some((a) => a && PUBLIC_NAMES.has(a))) return 'public';
  if (cc.some((a) => a && PUBLIC_NAMES.has(a))) return 'unlisted';
  const named = [...to, ...cc].filter((a): a is string => a !== undefined);
  const followers = named.some((a) => a.endsWith('/followers'));
  return named.length && !followers ? 'direct' : 'followers';
}

function contentOf(note: Json): { content: string; language?: string } {
  const map = isObject(note.contentMap) ? Object.entries(note.contentMap).filter((e): e is [string, string] => typeof e[1] === 'string') : [];
  const content = typeof note.content === 'string' ? note.content : (map[0]?.[1] ?? '');
  const language = text(note.language) ?? (map.length === 1 ? map[0]![0] : undefined);
  return language ? { content, language } : { content };
}

function tagsOf(note: Json): string[] {
  return list(note.tag).flatMap((tag) => {
    if (typeof tag === 'string') return [tag];
    if (!isObject(tag) || typeof tag.name !== 'string') return [];
    return [tag.type === 'Hashtag' ? tag.name.replace(/^#/, '') : tag.name];
  });
}

function attachmentsOf(note: Json): Post['attachments'] {
  return list(note.attachment).flatMap((a) => {
    if (!isObject(a)) return [];
    const url = idOf(list(a.url)[0]) ?? text(a.href);
    if (!url) return [];
    const attachment: Post['attachments'][number] = { mediaType: text(a.mediaType) ?? 'application/octet-stream', url };
    const name = text(a.name);
    if (name) attachment.name = name;
    return [attachment];
  });
}

/**
 * The post a Create activity makes, or a reason it cannot be read; anything else in the outbox (a boost, which is
 * someone else's post) is no post of the person's and gives undefined.
 */
export function postOf(activity: unknown): Post | string | undefined {
  if (!isObject(activity) || activity.type !== 'Create') return undefined;
  const note = activity.object;
  if (!isObject(note)) return 'its object is not written out (only linked)';
  const id = idOf(note.id) ?? idOf(activity.id);
  if (!id) return 'it has no id';
  const published = text(note.published) ?? text(activity.published);
  if (!published || Number.isNaN(Date.parse(published))) return 'it has no publication date';
  const post: Post = { id, ...contentOf(note), published, tags: tagsOf(note), attachments: attachmentsOf(note), visibility: visibilityOf(note, activity) };
  const summary = text(note.summary);
  if (summary) post.summary = summary;
  const inReplyTo = idOf(note.inReplyTo);
  if (inReplyTo) post.inReplyTo = inReplyTo;
  if (typeof note.sensitive === 'boolean') post.sensitive = note.sensitive;
  return post;
}
