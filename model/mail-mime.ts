/**
 * A streaming walk over a MIME message (RFC 2045/2046): the top-level header fields, then each leaf part
 * (nested multiparts are entered; an attached message/rfc822 is a leaf) with its header fields and its body
 * decoded from base64 or quoted-printable as it arrives. Only one line is held at a time.
 * Used where a message must be taken apart to be moved (Outlook's import of messages too large for MIME).
 */
import { Base64Decoder } from './mail-base64';
import { headerValue, parseHeaderBlock, type HeaderField } from './mail-headers';
import { linePieces, type LinePiece } from './mail-mbox';

export interface MimeLeaf {
  /** Position among the leaves, from 0. */
  index: number;
  headers: HeaderField[];
  /** Lower-case `type/subtype`. */
  contentType: string;
  /** The decoded body. Read it to its end (or not at all) before asking for the next leaf. */
  body: AsyncIterable<Uint8Array>;
}

/** Largest header block read; a longer one ends where this ends. */
const MAX_HEADER_BYTES = 256 * 1024;
const latin1 = new TextDecoder('latin1');

export const mimeType = (headers: readonly HeaderField[]): string =>
  (headerValue(headers, 'Content-Type') ?? 'text/plain').split(';')[0]!.trim().toLowerCase() || 'text/plain';

/** A parameter of a structured header value (`boundary`, `name`, `filename`), RFC 2231 `name*=` included. */
export function headerParameter(value: string | undefined, name: string): string | undefined {
  if (!value) return undefined;
  const extended = new RegExp(`;\\s*${name}\\*(?:0\\*?)?=\\s*([^;]*)`, 'i').exec(value);
  if (extended) {
    const [, charset = 'utf-8', encoded = ''] = /^([^']*)'[^']*'(.*)$/.exec(extended[1]!.trim().replace(/^"|"$/g, '')) ?? [];
    try {
      const latin = encoded.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      return new TextDecoder(charset || 'utf-8').decode(Uint8Array.from(latin, (c) => c.charCodeAt(0) & 0xff));
    } catch {
      return encoded;
    }
  }
  const plain = new RegExp(`;\\s*${name}=\\s*("(?:[^"\\\\]|\\\\.)*"|[^;\\s]*)`, 'i').exec(value);
  return plain ? plain[1]!.replace(/^"|"$/g, '').replace(/\\(.)/g, '$1') : undefined;
}

/** Decodes quoted-printable (RFC 2045 §6.7) piece by piece; a `=` sequence may span two pieces. */
class QuotedPrintableDecoder {
  private carry: number[] = [];

  push(input: Uint8Array): Uint8Array {
    const bytes = this.carry.length ? Uint8Array.from([...this.carry, ...input]) : input;
    this.carry = [];
    const out: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (b !== 0x3d) {
        out.push(b);
        continue;
      }
      if (i + 2 >= bytes.length && !(bytes[i + 1] === 0x0a)) {
        this.carry = [...bytes.subarray(i)];
        break;
      }
      const next = String.fromCharCode(bytes[i + 1]!, bytes[i + 2] ?? 0);
      if (next[0] === '\n') i += 1;
      else if (next === '\r\n') i += 2;
      else if (/^[0-9A-Fa-f]{2}$/.test(next)) {
        out.push(parseInt(next, 16));
        i += 2;
      } else out.push(b);
    }
    return Uint8Array.from(out);
  }
}

type Terminator = { boundary: string; close: boolean };

class MimeWalker {
  private pushedBack: LinePiece | undefined;
  private ended = false;
  /** The delimiter line that ended the last part read. */
  private terminator: Terminator | undefined;
  private leafCount = 0;

  constructor(private readonly lines: AsyncIterator<LinePiece>) {}

  private async next(): Promise<LinePiece | undefined> {
    if (this.pushedBack) {
      const piece = this.pushedBack;
      this.pushedBack = undefined;
      return piece;
    }
    if (this.ended) return undefined;
    const result = await this.lines.next();
    if (result.done) {
      this.ended = true;
      return undefined;
    }
    return result.value;
  }

  /** The boundary (innermost first) a line delimits, if it is a delimiter line. */
  private delimiter(piece: LinePiece, boundaries: readonly string[]): Terminator | undefined {
    if (!piece.start || piece.bytes[0] !== 0x2d || piece.bytes[1] !== 0x2d) return undefined;
    const text = latin1.decode(piece.bytes.subarray(2, 2 + 80)).replace(/[ \t\r\n]+$/, '');
    for (const boundary of boundaries) {
      if (text === boundary) return { boundary, close: false };
      if (text === `${boundary}--`) return { boundary, close: true };
    }
    return undefined;
  }

  private async readHeaders(): Promise<HeaderField[]> {
    const pieces: Uint8Array[] = [];
    let size = 0;
    for (let piece = await this.next(); piece; piece = await this.next()) {
      pieces.push(piece.bytes);
      size += piece.bytes.length;
      const blank = piece.start && (piece.bytes.length === 1 || (piece.bytes.length === 2 && piece.bytes[0] === 0x0d));
      if ((blank && piece.bytes[piece.bytes.length - 1] === 0x0a) || size > MAX_HEADER_BYTES) break;
    }
    const block = new Uint8Array(size);
    let at = 0;
    for (const p of pieces) {
      block.set(p, at);
      at += p.length;
    }
    return parseHeaderBlock(block.length && block[0] !== 0x0a && block[0] !== 0x0d ? block : new Uint8Array([0x0a]));
  }

  /** Skips lines up to the next delimiter of these boundaries (consumed, and recorded as the terminator). */
  private async skipTo(boundaries: readonly string[]): Promise<void> {
    this.terminator = undefined;
    for (let piece = await this.next(); piece; piece = await this.next()) {
      const found = this.delimiter(piece, boundaries);
      if (found) {
        this.terminator = found;
        return;
      }
    }
  }

  async *entity(boundaries: readonly string[], onHeaders?: (h: HeaderField[]) => void): AsyncGenerator<MimeLeaf> {
    const headers = await this.readHeaders();
    onHeaders?.(headers);
    const type = mimeType(headers);
    const boundary = type.startsWith('multipart/') ? headerParameter(headerValue(headers, 'Content-Type'), 'boundary') : undefined;
    if (!boundary) {
      yield* this.leaf(headers, type, boundaries);
      return;
    }
    const inner = [boundary, ...boundaries];
    await this.skipTo(inner);
    while (this.terminator?.boundary === boundary && !this.terminator.close) {
      yield* this.entity(inner);
    }
    // After the closing delimiter, the epilogue runs to the enclosing part's delimiter.
    if (this.terminator?.boundary === boundary && boundaries.length) await this.skipTo(boundaries);
  }

  private async *leaf(headers: HeaderField[], contentType: string, boundaries: readonly string[]): AsyncGenerator<MimeLeaf> {
    const encoding = (headerValue(headers, 'Content-Transfer-Encoding') ?? '').trim().toLowerCase();
    const decoder = encoding === 'base64' ? new Base64Decoder() : encoding === 'quoted-printable' ? new QuotedPrintableDecoder() : undefined;
    let finished = false;
    const walker = this;
    async function* body(): AsyncGenerator<Uint8Array> {
      walker.terminator = undefined;
      let heldBreak: Uint8Array | undefined;
      for (let piece = await walker.next(); piece; piece = await walker.next()) {
        const found = walker.delimiter(piece, boundaries);
        if (found) {
          walker.terminator = found;
          break;
        }
        if (heldBreak) {
          const out = decoder ? decoder.push(heldBreak) : heldBreak;
          if (out.length) yield out;
        }
        const bytes = piece.bytes;
        const breakLength = bytes[bytes.length - 1] === 0x0a ? (bytes[bytes.length - 2] === 0x0d ? 2 : 1) : 0;
        heldBreak = breakLength ? bytes.subarray(bytes.length - breakLength) : undefined;
        const content = bytes.subarray(0, bytes.length - breakLength);
        const out = decoder ? decoder.push(content) : content;
        if (out.length) yield out;
      }
      // Without boundaries (a single-part message) the last line break is the message's own.
      if (heldBreak && boundaries.length === 0) {
        const out = decoder ? decoder.push(heldBreak) : heldBreak;
        if (out.length) yield out;
      }
      finished = true;
    }
    const leaf: MimeLeaf = { index: this.leafCount++, headers, contentType, body: body() };
    yield leaf;
    if (!finished) for await (const piece of leaf.body) void piece;
  }
}

/**
 * The leaves of a MIME message, in order. `onHeaders` receives the message's own header fields first.
 * A leaf's body left unread is skipped when the next leaf is asked for.
 */
export function walkMime(source: AsyncIterable<Uint8Array>, onHeaders?: (headers: HeaderField[]) => void): AsyncGenerator<MimeLeaf> {
  const walker = new MimeWalker(linePieces(source)[Symbol.asyncIterator]());
  return walker.entity([], onHeaders);
}

/** A leaf's file name (Content-Disposition filename, else Content-Type name), if it has one. */
export function leafFileName(leaf: Pick<MimeLeaf, 'headers'>): string | undefined {
  return headerParameter(headerValue(leaf.headers, 'Content-Disposition'), 'filename') ?? headerParameter(headerValue(leaf.headers, 'Content-Type'), 'name');
}

/** True when the leaf is meant to be shown as an attachment rather than as the message's text. */
export function isAttachment(leaf: Pick<MimeLeaf, 'headers' | 'contentType'>): boolean {
  const disposition = (headerValue(leaf.headers, 'Content-Disposition') ?? '').split(';')[0]!.trim().toLowerCase();
  return disposition === 'attachment' || Boolean(leafFileName(leaf)) || !leaf.contentType.startsWith('text/');
}
