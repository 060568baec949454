/**
 * The few RFC 5322 header facts Ferry reads from a message itself: header fields (unfolded), encoded words
 * (RFC 2047) in Subject and display names, address lists, and the Date header as an instant.
 */

export interface HeaderField {
  name: string;
  value: string;
}

/** Where the header block ends in `bytes` (the index after its empty line), or -1 when it does not end in them. */
export function headerBlockEnd(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0x0a) continue;
    if (bytes[i + 1] === 0x0a) return i + 2;
    if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return i + 3;
  }
  return -1;
}

/** The header fields of a header block (bytes read as Latin-1, so 8-bit values survive as they are). */
export function parseHeaderBlock(bytes: Uint8Array): HeaderField[] {
  const end = headerBlockEnd(bytes);
  const text = new TextDecoder('latin1').decode(end < 0 ? bytes : bytes.subarray(0, end));
  const fields: HeaderField[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break;
    const last = fields[fields.length - 1];
    if (/^[ \t]/.test(line) && last) {
      last.value += line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0) fields.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return fields;
}

export const headerValue = (fields: readonly HeaderField[], name: string): string | undefined =>
  fields.find((f) => f.name.toLowerCase() === name.toLowerCase())?.value;

/** Latin-1 text of raw header bytes that are really UTF-8 (8-bit headers, RFC 6532), read as UTF-8. */
function utf8IfValid(latin1: string): string {
  if (!/[\x80-\xff]/.test(latin1)) return latin1;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(latin1, (c) => c.charCodeAt(0)));
  } catch {
    return latin1;
  }
}

function decodeWord(charset: string, encoding: string, text: string): string | undefined {
  let bytes: Uint8Array;
  if (encoding.toUpperCase() === 'B') {
    try {
      bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    } catch {
      return undefined;
    }
  } else {
    const qp = text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    bytes = Uint8Array.from(qp, (c) => c.charCodeAt(0));
  }
  try {
    return new TextDecoder(charset.replace(/\*.*$/, '')).decode(bytes);
  } catch {
    return undefined;
  }
}

/** A header value with its encoded words decoded; whitespace between two encoded words goes (RFC 2047 §6.2). */
export function decodeHeaderText(value: string): string {
  return utf8IfValid(value)
    .replace(/(=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)\s+(?==\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)/g, '$1')
    .replace(/=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g, (word, charset: string, encoding: string, text: string) => decodeWord(charset, encoding, text) ?? word);
}

export interface MailAddress {
  name?: string;
  address: string;
}

/** The addresses of an address-list header (`"Doe, Jane" <jane@example.com>, bob@example.com`); groups are flattened. */
export function parseAddressList(value: string): MailAddress[] {
  const out: MailAddress[] = [];
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && quoted) {
      current += c + (value[++i] ?? '');
      continue;
    }
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '<') angle = true;
    else if (!quoted && c === '>') angle = false;
    if (!quoted && !angle && (c === ',' || c === ';')) {
      parts.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  parts.push(current);
  for (let part of parts) {
    part = part.replace(/^[^"<]*:/, '').trim();
    if (!part) continue;
    const angled = /^(.*)<([^>]*)>\s*$/.exec(part);
    if (angled) {
      const name = decodeHeaderText(angled[1]!.trim().replace(/^"(.*)"$/, '$1').replace(/\\(.)/g, '$1'));
      out.push(name ? { name, address: angled[2]!.trim() } : { address: angled[2]!.trim() });
    } else if (part.includes('@')) out.push({ address: part.replace(/\s*\(.*\)\s*$/, '') });
  }
  return out;
}

/** The Date header as RFC 3339 UTC, or undefined when it names no valid instant. */
export function parseMailDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const cleaned = value.replace(/\s*\([^)]*\)\s*$/, '').trim();
  const ms = Date.parse(cleaned);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}
