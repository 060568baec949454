/**
 * Instagram's and Facebook's exports write every non-ASCII string as its UTF-8 bytes each escaped as a Latin-1
 * character (`"caf\u00c3\u00a9"` for "café"), so after JSON.parse the text is mojibake. Re-reading those
 * characters as bytes gives the UTF-8 back; a string holding a character above U+00FF was written right and is
 * kept, as is one whose bytes are not UTF-8.
 */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function fixMetaText(text: string): string {
  if (!/[\u0080-\u00ff]/.test(text) || /[^\u0000-\u00ff]/.test(text)) return text;
  try {
    return strictUtf8.decode(Uint8Array.from(text, (c) => c.charCodeAt(0)));
  } catch {
    return text;
  }
}
