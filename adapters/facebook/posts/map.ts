/**
 * A Facebook post → model Post (README.md, "Posts: field table"): its text as the note's content (HTML, text
 * escaped, line breaks kept), the people tagged as tags, its photos and videos as attachments naming their
 * file inside the export, a shared link at the end of the content. The export does not say who could see a
 * post, so every post is taken as seen by friends (`followers`).
 */
import type { Post } from '../../../model/post';
import { mediaTypeOf } from '../../../model/media-sidecar';
import { fixMetaText } from '../../meta-export-text';
import type { FacebookPost } from '../photos/api-types';
import { postText } from '../photos/map';

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function contentOf(text: string | undefined, links: string[]): string {
  const paragraphs = (text ?? '').split(/\n{2,}/).filter((p) => p.trim()).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  for (const link of links) paragraphs.push(`<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`);
  return paragraphs.join('');
}

/** The post, or undefined for an entry with nothing of the person's own (no text, media or link). */
export function fromFacebookPost(post: FacebookPost, id: string): Post | undefined {
  const text = postText(post);
  const entries = (post.attachments ?? []).flatMap((a) => a.data ?? []);
  const links = entries.map((e) => e.external_context?.url).filter((u): u is string => Boolean(u));
  const attachments = entries.flatMap((e) => {
    const uri = e.media?.uri;
    const mediaType = uri ? mediaTypeOf(uri) : undefined;
    if (!uri || !mediaType) return [];
    const name = fixMetaText(e.media?.description ?? '').trim();
    return [name ? { mediaType, url: uri, name } : { mediaType, url: uri }];
  });
  if (!text && !attachments.length && !links.length) return undefined;
  const published = new Date((post.timestamp ?? 0) * 1000).toISOString().replace(/\.000Z$/, 'Z');
  const tags = (post.tags ?? []).map((t) => fixMetaText(t.name ?? '').trim()).filter(Boolean);
  return { id, content: contentOf(text, links), published, tags, attachments, visibility: 'followers' };
}
