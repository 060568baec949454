/**
 * mbox in its mboxrd form (https://www.loc.gov/preservation/digital/formats/fdd/fdd000385.shtml): each message
 * starts with a `From ` line (the envelope), body lines matching `>*From ` gain one `>` on writing and lose it
 * on reading, and an empty line ends each message. Both directions are streams of bytes: no message is
 * held whole, only one line (at most LINE_PIECE bytes of it) at a time.
 */

/** Longest piece of one line handled at once; a longer line goes on in further pieces. */
const LINE_PIECE = 64 * 1024;
const LF = 0x0a;
const CR = 0x0d;
const GT = 0x3e;
const FROM = new TextEncoder().encode('From ');

export interface MboxMessage {
  /** The envelope: the `From ` line without `From ` and without its line break (sender and date as written). */
  envelope: string;
  /** The message's bytes, unquoted. Read it to its end before asking for the next message. */
  body: AsyncIterable<Uint8Array>;
}

/** A piece of a line: the whole line with its line break, or part of a long one. */
export interface LinePiece {
  bytes: Uint8Array;
  /** This piece begins a line. */
  start: boolean;
}

/** The lines of a byte stream, a long line in pieces of at most LINE_PIECE bytes. */
export async function* linePieces(source: AsyncIterable<Uint8Array>): AsyncGenerator<LinePiece> {
  let pending = new Uint8Array(0);
  let start = true;
  for await (const chunk of source) {
    let buffer = pending.length ? concat(pending, chunk) : chunk;
    let at = 0;
    for (;;) {
      const lf = buffer.indexOf(LF, at);
      if (lf >= 0 && lf - at < LINE_PIECE) {
        yield { bytes: buffer.subarray(at, lf + 1), start };
        start = true;
        at = lf + 1;
      } else if (buffer.length - at >= LINE_PIECE) {
        yield { bytes: buffer.subarray(at, at + LINE_PIECE), start };
        start = false;
        at += LINE_PIECE;
      } else break;
    }
    buffer = buffer.subarray(at);
    pending = buffer.slice();
  }
  if (pending.length) yield { bytes: pending, start };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

const startsWithFrom = (bytes: Uint8Array, at = 0): boolean => FROM.every((b, i) => bytes[at + i] === b);

/** `>*From ` at the start of a line: how many `>` come first, or -1 when the line is not one. */
function quotedFromDepth(bytes: Uint8Array): number {
  let depth = 0;
  while (bytes[depth] === GT) depth++;
  return startsWithFrom(bytes, depth) ? depth : -1;
}

const isEmptyLine = (piece: LinePiece): boolean =>
  piece.start && (piece.bytes.length === 1 ? piece.bytes[0] === LF : piece.bytes.length === 2 && piece.bytes[0] === CR && piece.bytes[1] === LF);

const envelopeOf = (line: Uint8Array): string => new TextDecoder('latin1').decode(line.subarray(FROM.length)).replace(/\r?\n$/, '');

/**
 * The messages of an mbox, one after the other. A `From ` line separates messages when it opens the file or
 * follows an empty line (that empty line belongs to the separator, not to the message before it).
 */
export async function* readMbox(source: AsyncIterable<Uint8Array>): AsyncGenerator<MboxMessage> {
  const pieces = linePieces(source);
  let next = await pieces.next();
  while (!next.done && !(next.value.start && startsWithFrom(next.value.bytes))) next = await pieces.next();
  while (!next.done) {
    const envelope = envelopeOf(next.value.bytes);
    let finished = false;
    const body = async function* (): AsyncGenerator<Uint8Array> {
      let heldEmptyLine: Uint8Array | undefined;
      for (next = await pieces.next(); !next.done; next = await pieces.next()) {
        const piece = next.value;
        if (heldEmptyLine && piece.start && startsWithFrom(piece.bytes)) break;
        if (heldEmptyLine) yield heldEmptyLine;
        heldEmptyLine = undefined;
        if (isEmptyLine(piece)) {
          heldEmptyLine = piece.bytes;
          continue;
        }
        const depth = piece.start ? quotedFromDepth(piece.bytes) : -1;
        yield depth > 0 ? piece.bytes.subarray(1) : piece.bytes;
      }
      finished = true;
    };
    yield { envelope, body: body() };
    if (!finished) throw new Error('readMbox: a message was not read to its end before the next one was asked for');
  }
}

/** `From ` line contents: a sender and the date in asctime form (`Thu Jan  1 00:00:00 2024`, UTC). */
export function mboxEnvelope(sender: string, date: Date): string {
  const text = date.toUTCString(); // "Thu, 01 Jan 2024 00:00:00 GMT"
  const [, weekday, day, month, year, time] = /^(\w{3}), (\d{2}) (\w{3}) (\d{4}) (\S+) GMT$/.exec(text) ?? [];
  const asctime = weekday ? `${weekday} ${month} ${String(Number(day)).padStart(2, ' ')} ${time} ${year}` : 'Thu Jan  1 00:00:00 1970';
  return `${sender.replace(/\s+/g, '') || 'MAILER-DAEMON'} ${asctime}`;
}

const encoder = new TextEncoder();

/** An mbox of the given messages, quoting `>*From ` lines and ending each message with an empty line. */
export async function* writeMbox(messages: AsyncIterable<MboxMessage> | Iterable<MboxMessage>): AsyncGenerator<Uint8Array> {
  for await (const message of messages) {
    yield encoder.encode(`From ${message.envelope}\n`);
    let last: number | undefined;
    for await (const piece of linePieces(message.body)) {
      if (piece.start && quotedFromDepth(piece.bytes) >= 0) yield Uint8Array.of(GT);
      if (piece.bytes.length) last = piece.bytes[piece.bytes.length - 1];
      yield piece.bytes;
    }
    yield last === LF ? Uint8Array.of(LF) : Uint8Array.of(LF, LF);
  }
}
