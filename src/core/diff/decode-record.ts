import { isUtf8 } from 'node:buffer';
import { MESSAGES } from '../../messages/index.js';
import { findInvalidUtf8 } from '../input/decode.js';
import { looksFormEncoded, parseFormEncoded } from '../payload/form.js';
import { jsonExtent } from '../input/json-scan.js';
import { kindOf, PAYLOAD_RECORD_LIMITS } from './flatten.js';

export type Side = 'v1' | 'v2';
export type DecodedRecord = { ok: true; value: unknown } | { ok: false; reason: string };

/** Strict UTF-8 text of one record's bytes (a leading BOM dropped), or why it is not. */
export function decodeRecordText(
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; reason: string } {
  let body = bytes;
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) body = body.subarray(3);
  else if ((body[0] === 0xff && body[1] === 0xfe) || (body[0] === 0xfe && body[1] === 0xff))
    return { ok: false, reason: MESSAGES.diff.utf16 };
  // What a fatal TextDecoder (BOM kept) gives, validated by isUtf8 (simdutf) and decoded by the
  // non-fatal path: several times cheaper per line.
  if (isUtf8(body)) {
    const view = Buffer.isBuffer(body)
      ? body
      : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    return { ok: true, text: view.toString('utf8') };
  }
  return {
    ok: false,
    reason: MESSAGES.diff.invalidUtf8(findInvalidUtf8(body) + (bytes.length - body.length)),
  };
}

/**
 * Parses the text of one payload: JSON, or (1.0 only) a form-encoded body. The result must be
 * an object; JSON.parse keeps `__proto__` as an own data key, never as a prototype.
 */
export function parseRecordText(text: string, side: Side): DecodedRecord {
  const t = text.trim();
  if (t[0] !== '{' && t[0] !== '[' && looksFormEncoded(t)) {
    if (side === 'v2') return { ok: false, reason: MESSAGES.diff.formNotV2 };
    return { ok: true, value: parseFormEncoded(t) };
  }
  // Counted on the text first: a 50 MB record of 4 million keys would cost JSON.parse a gigabyte
  // before the walk refuses it anyway.
  // Each item takes at least two characters, so short records (all real ones) skip the count.
  const max = PAYLOAD_RECORD_LIMITS.maxNodes;
  if (t.length > 2 * max && jsonExtent(t).items > max + 1)
    return { ok: false, reason: MESSAGES.diff.tooManyValues(max) };
  let value: unknown;
  try {
    value = JSON.parse(t);
  } catch (e) {
    return { ok: false, reason: MESSAGES.diff.invalidJson(shortJsonError(e)) };
  }
  const kind = kindOf(value);
  if (kind !== 'object') return { ok: false, reason: MESSAGES.diff.notObject(kind) };
  return { ok: true, value };
}

/** V8's JSON.parse message without the echoed input (which may be huge or personal). */
function shortJsonError(e: unknown): string {
  const msg = (e instanceof Error ? e.message : String(e))
    .replace(/, "[\s\S]*" is not valid JSON$/, '')
    .replace(/ \(line \d+ column \d+\)$/, '')
    .replace(/ in JSON at position (\d+)$/, (_m, p: string) => ` at character ${Number(p) + 1}`);
  return msg.length > 100 ? `${msg.slice(0, 99)}…` : msg;
}

const isSpace = (b: number | undefined): boolean =>
  b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/**
 * The one content rule for a capture file not named .ndjson/.jsonl, used by diff-payload and
 * test-endpoint alike: it holds one capture a line when its first non-blank line is a whole JSON
 * value (or, for 1.0, a form record) and more follows. A pretty-printed document starts with a
 * line that is not whole JSON, so it stays one capture.
 */
export function isOneCaptureALine(bytes: Uint8Array, side: Side): boolean {
  let start = 0;
  while (start < bytes.length && isSpace(bytes[start])) start++;
  const nl = bytes.indexOf(10, start);
  if (nl === -1) return false;
  let more = nl + 1;
  while (more < bytes.length && isSpace(bytes[more])) more++;
  if (more >= bytes.length) return false;
  const first = decodeRecordText(bytes.subarray(start, nl));
  if (!first.ok) return false;
  const t = first.text.trim();
  if (side === 'v1' && t[0] !== '{' && looksFormEncoded(t)) return true;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}
