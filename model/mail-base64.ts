/**
 * Base64 (RFC 4648 §4) and base64url (§5) as streams: text arrives in pieces of any length, bytes leave as
 * soon as a full 4-character group is in. Characters outside the alphabet (line breaks in MIME, padding)
 * are skipped, as RFC 2045 §6.8 asks of a decoder.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const VALUES = new Int8Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;
VALUES['+'.charCodeAt(0)] = 62;
VALUES['/'.charCodeAt(0)] = 63;
VALUES['-'.charCodeAt(0)] = 62;
VALUES['_'.charCodeAt(0)] = 63;

/** Decodes base64 and base64url alike, piece by piece; `end()` gives the bytes of a last, short group. */
export class Base64Decoder {
  private carry = 0;
  private bits = 0;

  /** The bytes the given text (ASCII bytes) completes. */
  push(text: Uint8Array): Uint8Array {
    const out = new Uint8Array(Math.ceil((text.length * 3) / 4) + 1);
    let n = 0;
    for (const code of text) {
      const value = VALUES[code]!;
      if (value < 0) continue;
      this.carry = (this.carry << 6) | value;
      this.bits += 6;
      if (this.bits >= 8) {
        this.bits -= 8;
        out[n++] = (this.carry >> this.bits) & 0xff;
        this.carry &= (1 << this.bits) - 1;
      }
    }
    return out.subarray(0, n);
  }

  /** Leftover bits of an unpadded group are padding, never data (RFC 4648 §3.5). */
  end(): void {
    this.carry = 0;
    this.bits = 0;
  }
}

/** A stream of decoded bytes from a stream of base64 or base64url text. */
export async function* decodeBase64Stream(text: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const decoder = new Base64Decoder();
  for await (const piece of text) {
    const bytes = decoder.push(piece);
    if (bytes.length) yield bytes;
  }
  decoder.end();
}

/** Standard base64 of some bytes (a bounded chunk; the caller streams larger content in chunks of 3n bytes). */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
