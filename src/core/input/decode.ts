import { UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { MESSAGES } from '../../messages/index.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Returns the byte offset of the first invalid UTF-8 sequence, or -1 when the bytes are valid. */
export function findInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= n) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Decodes a file's bytes as UTF-8 text the way every qwh reader does: a UTF-8 BOM is dropped,
 * UTF-16 and invalid UTF-8 are refused with the byte offset, so no reader guesses an encoding.
 */
export function decodeUtf8(bytes: Uint8Array, source: string): string {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new UserError(MESSAGES.input.utf16(source), ExitCode.USAGE, MESSAGES.input.utf16Hint);
  }
  const body = start === 0 ? bytes : bytes.subarray(start);
  try {
    return strictUtf8.decode(body);
  } catch {
    const at = findInvalidUtf8(body) + start;
    throw new UserError(
      MESSAGES.input.invalidUtf8(source, at),
      ExitCode.USAGE,
      MESSAGES.input.invalidUtf8Hint,
    );
  }
}
