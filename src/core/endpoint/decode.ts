import { isAscii, isUtf8 } from 'node:buffer';

// Buffer's own slicers (what toString calls after normalising its arguments), where present.
type Sliced = Buffer & {
  latin1Slice?(s: number, e: number): string;
  utf8Slice?(s: number, e: number): string;
};
const own = Buffer.prototype as Sliced;
const slice = {
  latin1: own.latin1Slice
    ? (b: Buffer, s: number, e: number): string => (b as Sliced).latin1Slice!(s, e)
    : (b: Buffer, s: number, e: number): string => b.toString('latin1', s, e),
  utf8: own.utf8Slice
    ? (b: Buffer, s: number, e: number): string => (b as Sliced).utf8Slice!(s, e)
    : (b: Buffer, s: number, e: number): string => b.toString('utf8', s, e),
};

/** Past this many non-ASCII runs the one-call decoder is cheaper than joining pieces. */
const MAX_RUNS = 64;

/**
 * A body's text exactly as `new TextDecoder('utf-8', { fatal: true }).decode(body)` gives it
 * (one leading BOM dropped), or undefined when it is not UTF-8: validated by `isUtf8` (simdutf),
 * then decoded without a second validation (decodeValidUtf8).
 */
export function decodeUtf8Body(body: Buffer): string | undefined {
  if (!isUtf8(body)) return undefined;
  const bom = body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf;
  return decodeValidUtf8(body, bom ? 3 : 0);
}

/**
 * The text of valid UTF-8 bytes from `start`, the same string `body.toString('utf8', start)`
 * gives, cheaper on the bodies webhooks carry: V8 decodes a whole buffer byte by byte once it
 * holds one non-ASCII character (≈10 µs for a 4.6 KB participation with one accent), while an
 * ASCII run decodes as Latin-1 at copy speed. In valid UTF-8 every byte of a multi-byte sequence
 * is ≥ 0x80, so a maximal run of such bytes is whole characters and decodes on its own; the
 * ASCII runs between them are found four bytes at a time.
 */
export function decodeValidUtf8(body: Buffer, start = 0): string {
  const end = body.length;
  if (isAscii(body)) return slice.latin1(body, start, end);
  // Words from the first 4-aligned byte at or after `start`.
  const first = start + ((4 - ((body.byteOffset + start) & 3)) & 3);
  const words =
    first < end ? new Uint32Array(body.buffer, body.byteOffset + first, (end - first) >> 2) : [];
  const wordsEnd = first + words.length * 4;
  let text = '';
  let from = start; // start of the ASCII run not yet added
  let i = start;
  let runs = 0;
  while (i < end) {
    if (i >= first && i < wordsEnd && ((i - first) & 3) === 0) {
      let w = (i - first) >> 2;
      while (w < words.length && (words[w]! & 0x80808080) === 0) w++;
      i = first + w * 4;
      if (i >= end) break;
    }
    if (body[i]! < 0x80) {
      i++;
      continue;
    }
    if (++runs > MAX_RUNS) return text + slice.utf8(body, from, end);
    let j = i + 1;
    while (j < end && body[j]! >= 0x80) j++;
    if (i > from) text += slice.latin1(body, from, i);
    text += slice.utf8(body, i, j);
    from = i = j;
  }
  if (from < end) text += slice.latin1(body, from, end);
  return text;
}
