/**
 * messages.get?format=raw answers JSON whose `raw` member is the whole message, base64url-encoded
 * (discovery document, Message.raw). This scanner streams that one string member out of the JSON as it
 * arrives, so a 150 MB message is never held: only the member's name is buffered, never a value.
 */
import { AdapterError } from '../../../model/adapter';
import { decodeBase64Stream } from '../../../model/mail-base64';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
/** Member names longer than this are never `raw`; their characters are not kept. */
const MAX_NAME = 32;

type Mode = 'structure' | 'string' | 'escape' | 'unicode' | 'field';

/** The text of the top-level string member `name` of a JSON object, streamed; JSON escapes inside it are resolved. */
export async function* streamStringMember(json: AsyncIterable<Uint8Array>, name: string): AsyncGenerator<Uint8Array> {
  let mode: Mode = 'structure';
  let depth = 0;
  let expectName = false;
  let readingName = false;
  let nameText = '';
  let lastName: string | undefined;
  let afterColon = false;
  let unicode = '';
  let inField = false;
  let found = false;
  for await (const chunk of json) {
    let runStart = -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (mode === 'field') {
        if (c === QUOTE || c === BACKSLASH) {
          if (runStart >= 0 && i > runStart) yield chunk.subarray(runStart, i);
          runStart = -1;
          if (c === QUOTE) {
            mode = 'structure';
            inField = false;
            found = true;
          } else mode = 'escape';
        } else if (runStart < 0) runStart = i;
        continue;
      }
      if (mode === 'escape') {
        if (c === 0x75 /* u */) {
          mode = 'unicode';
          unicode = '';
        } else {
          if (inField) yield Uint8Array.of(c);
          else if (readingName && nameText.length < MAX_NAME) nameText += String.fromCharCode(c);
          mode = inField ? 'field' : 'string';
        }
        continue;
      }
      if (mode === 'unicode') {
        unicode += String.fromCharCode(c);
        if (unicode.length === 4) {
          const code = parseInt(unicode, 16);
          if (inField) yield new TextEncoder().encode(String.fromCharCode(code));
          else if (readingName && nameText.length < MAX_NAME) nameText += String.fromCharCode(code);
          mode = inField ? 'field' : 'string';
        }
        continue;
      }
      if (mode === 'string') {
        if (c === BACKSLASH) mode = 'escape';
        else if (c === QUOTE) {
          mode = 'structure';
          if (readingName) {
            lastName = nameText;
            readingName = false;
          }
        } else if (readingName && nameText.length < MAX_NAME) nameText += String.fromCharCode(c);
        continue;
      }
      if (c === QUOTE) {
        if (depth === 1 && expectName) {
          readingName = true;
          nameText = '';
          expectName = false;
          mode = 'string';
        } else if (depth === 1 && afterColon && lastName === name) {
          mode = 'field';
          inField = true;
          afterColon = false;
        } else {
          mode = 'string';
          afterColon = false;
        }
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        depth++;
        if (depth === 1) expectName = true;
        afterColon = false;
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        depth--;
      } else if (c === COMMA && depth === 1) {
        expectName = true;
      } else if (c === COLON && depth === 1) {
        afterColon = true;
      } else if (c > 0x20) {
        afterColon = false;
      }
    }
    if (mode === 'field' && runStart >= 0) yield chunk.subarray(runStart);
  }
  if (!found) {
    throw new AdapterError(`Gmail's answer held no "${name}" member, so the message's content could not be read; Ferry will try again.`, 'retry');
  }
}

/** The message bytes of a messages.get?format=raw answer body, decoded as they arrive. */
export const rawMessageBytes = (json: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> =>
  decodeBase64Stream(streamStringMember(json, 'raw'));
