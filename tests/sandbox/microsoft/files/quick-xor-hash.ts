/**
 * OneDrive's quickXorHash (https://learn.microsoft.com/onedrive/developer/code-snippets/quickxorhash): a 160-bit
 * register each byte is XORed into, 11 bits further along (wrapping) than the byte before; the byte count, as a
 * little-endian 64-bit number, is XORed into the last 8 bytes. Base64 of the 20 bytes. Fed piece by piece.
 * Bytes 160 apart land on the same bits, so they are first XORed together by their position modulo 160 (four at a
 * time where the input is aligned) and shifted into the register once, at the end.
 */
const WIDTH_BYTES = 20;
const SHIFT = 11;
const WIDTH_BITS = 160;
const PERIOD = 160;

export class QuickXorHash {
  /** XOR of the bytes seen at each stream position modulo 160. */
  private readonly lanes = new Uint8Array(PERIOD);
  private readonly lanes32 = new Uint32Array(this.lanes.buffer);
  private length = 0;

  update(bytes: Uint8Array): this {
    const lanes = this.lanes;
    let lane = this.length % PERIOD;
    let i = 0;
    while (i < bytes.length && (lane !== 0 || (bytes.byteOffset + i) % 4 !== 0)) {
      lanes[lane] = lanes[lane]! ^ bytes[i++]!;
      if (++lane === PERIOD) lane = 0;
      if (lane === 0 && (bytes.byteOffset + i) % 4 !== 0) break;
    }
    if (lane === 0 && (bytes.byteOffset + i) % 4 === 0) {
      const blocks = Math.floor((bytes.length - i) / PERIOD);
      const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, blocks * (PERIOD / 4));
      const lanes32 = this.lanes32;
      for (let w = 0; w < words.length; w += PERIOD / 4) {
        for (let k = 0; k < PERIOD / 4; k++) lanes32[k] = lanes32[k]! ^ words[w + k]!;
      }
      i += blocks * PERIOD;
    }
    for (; i < bytes.length; i++) {
      lanes[lane] = lanes[lane]! ^ bytes[i]!;
      if (++lane === PERIOD) lane = 0;
    }
    this.length += bytes.length;
    return this;
  }

  digest(): string {
    const out = new Uint8Array(WIDTH_BYTES);
    for (let position = 0; position < PERIOD; position++) {
      const value = this.lanes[position]!;
      const bit = (position * SHIFT) % WIDTH_BITS;
      const index = bit >> 3;
      const offset = bit & 7;
      out[index] = out[index]! ^ ((value << offset) & 0xff);
      // The byte's high bits land in the next byte, which past the end is the first: the register wraps.
      const next = index === WIDTH_BYTES - 1 ? 0 : index + 1;
      out[next] = out[next]! ^ (value >> (8 - offset));
    }
    let length = BigInt(this.length);
    for (let i = 0; i < 8; i++) {
      out[WIDTH_BYTES - 8 + i] = out[WIDTH_BYTES - 8 + i]! ^ Number(length & 0xffn);
      length >>= 8n;
    }
    return Buffer.from(out).toString('base64');
  }
}
