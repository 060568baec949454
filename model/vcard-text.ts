/**
 * vCard text as real files have it, made fit for ical.js: a file split into cards (nested ones too), lines
 * unfolded, and vCard 2.1's ways (bare TYPE parameters, QUOTED-PRINTABLE, CHARSET, BASE64 photos,
 * https://github.com/emacsmirror/addressbook/blob/master/vcard-21.txt) rewritten as vCard 3.0 (RFC 2426),
 * which ical.js reads. Lines that are no property at all (comments some exporters leave) are dropped.
 */

/** One card's text in vCard 3.0 or 4.0, ready for ICAL.parse, with where it started in the file. */
export interface CardText {
  /** 1-based line of its BEGIN:VCARD. */
  line: number;
  /** The card's properties, one logical line each (without BEGIN/END). */
  properties: string[];
  /** False when the file ended before the card's END:VCARD. */
  closed: boolean;
}

interface LogicalLine {
  text: string;
  line: number;
}

const PROPERTY_LINE = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)?[;:]/;
const ENCODING_WORDS = new Set(['QUOTED-PRINTABLE', 'BASE64', 'B', '8BIT', '7BIT']);
/** vCard 3.0 properties whose value is a list separated by commas (RFC 2426 §3.1.3, §3.6.1). */
const COMMA_LISTS = new Set(['NICKNAME', 'CATEGORIES']);
/** vCard 3.0 properties whose value has parts separated by semicolons (N, ADR, ORG, and Apple's X-ABADR). */
const STRUCTURED = new Set(['N', 'ADR', 'ORG', 'GENDER', 'SOUND']);

/** A file's bytes (or text) as a string of byte values, so each line can be decoded in its own charset. */
function byteString(input: Uint8Array | string): string {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return text.startsWith('\xEF\xBB\xBF') ? text.slice(3) : text;
}

const bytesOf = (byteText: string): Uint8Array => Uint8Array.from(byteText, (c) => c.charCodeAt(0));

function decodeBytes(bytes: Uint8Array, charset: string | undefined): string {
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

const isQuotedPrintable = (text: string): boolean => /^[^:]*QUOTED-PRINTABLE[^:]*:/i.test(text);

/**
 * Unfolds lines: a line starting with a space or tab continues the one before (RFC 2426 §2.6), and in
 * vCard 2.1 a QUOTED-PRINTABLE value ending in "=" continues on the next line whatever it starts with.
 */
function logicalLines(byteText: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  byteText.split(/\r\n|\n|\r/).forEach((physical, index) => {
    const last = lines[lines.length - 1];
    if (last && isQuotedPrintable(last.text) && last.text.endsWith('=')) last.text = last.text.slice(0, -1) + physical;
    else if (last && /^[ \t]/.test(physical)) last.text += physical.slice(1);
    else lines.push({ text: physical, line: index + 1 });
  });
  return lines;
}

/** Splits `name;params:value` at the first colon outside double quotes. */
function splitProperty(text: string): { head: string; value: string } {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === ':' && !quoted) return { head: text.slice(0, i), value: text.slice(i + 1) };
  }
  return { head: text, value: '' };
}

function splitParams(head: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let current = '';
  for (const c of head) {
    if (c === '"') quoted = !quoted;
    if (c === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

function decodeQuotedPrintable(byteText: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < byteText.length; i++) {
    const hex = byteText.slice(i + 1, i + 3);
    if (byteText[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else out.push(byteText.charCodeAt(i));
  }
  return Uint8Array.from(out);
}

/** A vCard 2.1 text value in vCard 3.0 escaping: 2.1 escapes only semicolons (in structured values). */
function escapeLegacyValue(name: string, value: string): string {
  const kept = value.replace(/\\(?!;)/g, '\\\\');
  if (COMMA_LISTS.has(name)) return kept;
  const commas = kept.replace(/,/g, '\\,');
  return STRUCTURED.has(name) ? commas : commas.replace(/(?<!\\);/g, '\\;');
}

/** One property line rewritten in vCard 3.0 form (parameters named, charset and QP decoded). */
function rewriteProperty(byteText: string, legacy: boolean): string {
  const { head, value } = splitProperty(byteText);
  const [nameWithGroup = '', ...rawParams] = splitParams(head);
  const name = nameWithGroup.split('.').pop()!.toUpperCase();
  const types: string[] = [];
  const params: string[] = [];
  let encoding: string | undefined;
  let charset: string | undefined;
  for (const raw of rawParams) {
    const eq = raw.indexOf('=');
    const key = eq < 0 ? undefined : raw.slice(0, eq).trim().toUpperCase();
    const val = eq < 0 ? raw.trim() : raw.slice(eq + 1).trim();
    if (key === undefined && ENCODING_WORDS.has(val.toUpperCase())) encoding = val.toUpperCase();
    else if (key === undefined || key === 'TYPE') types.push(...val.split(',').filter(Boolean));
    else if (key === 'ENCODING') encoding = val.toUpperCase();
    else if (key === 'CHARSET') charset = val;
    else if (val !== '') params.push(`${key}=${val}`);
  }
  let text: string;
  if (encoding === 'BASE64' || encoding === 'B') {
    params.push('ENCODING=b');
    text = value.replace(/\s+/g, '');
  } else {
    const bytes = encoding === 'QUOTED-PRINTABLE' ? decodeQuotedPrintable(value) : bytesOf(value);
    text = decodeBytes(bytes, charset);
    if (legacy) text = escapeLegacyValue(name, text);
    text = text.replace(/\r\n|\r|\n/g, '\\n');
  }
  if (types.length) params.unshift(`TYPE=${types.join(',')}`);
  const decodedName = decodeBytes(bytesOf(nameWithGroup), 'utf-8');
  const decodedParams = params.map((p) => decodeBytes(bytesOf(p), charset));
  return [decodedName, ...decodedParams].join(';') + ':' + text;
}

/** The cards of a vCard file, in the order they begin; a card nested in another is a card of its own. */
export function splitCards(input: Uint8Array | string): CardText[] {
  const cards: CardText[] = [];
  const open: { card: CardText; raw: string[] }[] = [];
  const finish = (entry: { card: CardText; raw: string[] }) => {
    const version = entry.raw.find((l) => /^VERSION:/i.test(l))?.slice(8).trim() ?? '3.0';
    const legacy = version.startsWith('2');
    entry.card.properties = entry.raw
      .filter((l) => !/^VERSION:/i.test(l))
      .map((l) => rewriteProperty(l, legacy));
    entry.card.properties.unshift(`VERSION:${legacy ? '3.0' : version}`);
  };
  for (const { text, line } of logicalLines(byteString(input))) {
    if (/^BEGIN:VCARD\s*$/i.test(text)) {
      const card: CardText = { line, properties: [], closed: false };
      cards.push(card);
      open.push({ card, raw: [] });
    } else if (/^END:VCARD\s*$/i.test(text)) {
      const entry = open.pop();
      if (entry) {
        entry.card.closed = true;
        finish(entry);
      }
    } else if (open.length && PROPERTY_LINE.test(text)) {
      open[open.length - 1]!.raw.push(text);
    }
  }
  for (const entry of open) finish(entry);
  return cards;
}
