/**
 * A baseline JPEG (ITU-T T.81) of one solid colour, small enough to write by hand: every 8×8 block is flat,
 * so each carries only its DC difference and an end-of-block. Quantisation is 1 throughout, so the colour
 * survives exactly; sample photos differ in colour and size.
 */

/** Annex K.3 table K.3: the luminance DC code lengths (categories 0–11). */
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
/** An AC table holding only end-of-block (0x00): a flat block has no AC coefficient to code. */
const AC_BITS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const AC_VALUES = [0];

/** Canonical Huffman codes (Annex C) by symbol. */
function huffmanCodes(bits: number[], values: number[]): Map<number, { code: number; length: number }> {
  const codes = new Map<number, { code: number; length: number }>();
  let code = 0;
  let k = 0;
  bits.forEach((count, i) => {
    for (let n = 0; n < count; n++) codes.set(values[k++]!, { code: code++, length: i + 1 });
    code <<= 1;
  });
  return codes;
}

class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private used = 0;

  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.current = (this.current << 1) | ((value >> i) & 1);
      if (++this.used === 8) this.flushByte();
    }
  }

  private flushByte(): void {
    this.bytes.push(this.current);
    // A 0xFF in entropy-coded data is followed by a stuffed zero (F.1.2.3).
    if (this.current === 0xff) this.bytes.push(0);
    this.current = 0;
    this.used = 0;
  }

  /** The coded bytes, the last one padded with 1-bits. */
  finish(): number[] {
    if (this.used > 0) this.write(0xff, 8 - this.used);
    return this.bytes;
  }
}

const segment = (marker: number, body: number[]): number[] => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];

function ycbcr([r, g, b]: readonly [number, number, number]): number[] {
  return [0.299 * r + 0.587 * g + 0.114 * b, 128 - 0.168736 * r - 0.331264 * g + 0.5 * b, 128 + 0.5 * r - 0.418688 * g - 0.081312 * b].map(
    (v) => Math.max(0, Math.min(255, Math.round(v))),
  );
}

function codeDifference(out: BitWriter, dc: Map<number, { code: number; length: number }>, diff: number): void {
  const category = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
  const { code, length } = dc.get(category)!;
  out.write(code, length);
  if (category > 0) out.write(diff > 0 ? diff : diff + (1 << category) - 1, category);
}

/** A `width`×`height` JPEG (multiples of 8) filled with one RGB colour. */
export function solidJpeg(width: number, height: number, rgb: readonly [number, number, number]): Uint8Array {
  const dc = huffmanCodes(DC_BITS, DC_VALUES);
  const ac = huffmanCodes(AC_BITS, AC_VALUES);
  const eob = ac.get(0)!;
  const levels = ycbcr(rgb);
  const out = new BitWriter();
  const blocks = (width / 8) * (height / 8);
  for (let block = 0; block < blocks; block++) {
    for (const level of levels) {
      // The DC coefficient of a flat block is 8 × (level − 128); after the first block the difference is 0.
      codeDifference(out, dc, block === 0 ? 8 * (level - 128) : 0);
      out.write(eob.code, eob.length);
    }
  }
  const components = [1, 2, 3].flatMap((id) => [id, 0x11, 0]);
  const bytes = [
    0xff,
    0xd8,
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, ...components]),
    ...segment(0xc4, [0x00, ...DC_BITS, ...DC_VALUES, 0x10, ...AC_BITS, ...AC_VALUES]),
    ...segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]),
    ...out.finish(),
    0xff,
    0xd9,
  ];
  return Uint8Array.from(bytes);
}
