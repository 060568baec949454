/**
 * OneDrive's quickXorHash (https://learn.microsoft.com/onedrive/developer/code-snippets/quickxorhash): a 160-bit
 * register each byte is XORed into, 11 bits further along (wrapping) than the byte before; the byte count, as a
 * little-endian 64-bit number, is XORed into the last 8 bytes. Base64 of the 20 bytes. Fed piece by piece.
 */
const WIDTH_BYTES = 20;
const SHIFT = 11;
const WIDTH_BITS = 160;

export class QuickXorHash {
  private readonly register = new Uint8Array(WIDTH_BYTES);
  private length = 0;

  update(bytes: Uint8Array): this {
    const register = this.register;
    let bit = (this.length * SHIFT) % WIDTH_BITS;
    for (let i = 0; i < bytes.length; i++) {
      const value = bytes[i]!;
      const index = bit >> 3;
      const offset = bit & 7;
      register[index] = register[index]! ^ (value << offset);
      // The byte's high bits land in the next byte, which past the end is the first: the register wraps.
      const high = value >> (8 - offset);
      const next = index === WIDTH_BYTES - 1 ? 0 : index + 1;
      register[next] = register[next]! ^ high;
      bit += SHIFT;
      if (bit >= WIDTH_BITS) bit -= WIDTH_BITS;
    }
    this.length += bytes.length;
    return this;
  }

  digest(): string {
    const out = Uint8Array.from(this.register);
    let length = BigInt(this.length);
    for (let i = 0; i < 8; i++) {
      out[WIDTH_BYTES - 8 + i]! ^= Number(length & 0xffn);
      length >>= 8n;
    }
    return Buffer.from(out).toString('base64');
  }
}
