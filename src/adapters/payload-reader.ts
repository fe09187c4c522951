import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseRecordText, decodeRecordText, type Side } from '../core/diff/decode-record.js';
import { kindOf, PAYLOAD_RECORD_LIMITS } from '../core/diff/flatten.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { jsonExtent, lineColumn, scanJson } from '../core/input/json-scan.js';
import { LineSplitter, type LineEvent } from '../core/input/lines.js';
import { looksFormEncoded, parseFormEncoded } from '../core/payload/v1.js';
import type { PayloadEvent } from '../contracts/index.js';
import { MESSAGES } from '../messages/index.js';
import { fileError, readRegularFile } from './read-file.js';

/** Largest single NDJSON line (one payload); longer lines are skipped as they stream by. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;
/** Largest single JSON document read whole; bigger captures must be NDJSON (streamed). */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

const NDJSON_NAME = /\.(ndjson|jsonl)$/i;
const FOLDER_FILES = /\.(json|ndjson|jsonl|txt|form)$/i;

export interface ReadPayloadsOptions {
  side: Side;
  cwd: string;
  stdin: NodeJS.ReadableStream;
  maxLineBytes?: number;
  maxDocumentBytes?: number;
  /** Called with the bytes of each chunk read (progress, throughput). */
  onBytes?: (n: number) => void;
  /** Called with one-line notices (ignored files in a folder). */
  onNotice?: (text: string) => void;
}

function isSpace(b: number | undefined): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

function notFound(shown: string, e: unknown): UserError {
  return fileError(shown, e, MESSAGES.diff.noPayloadsHint);
}

/**
 * Reads the payloads of one input: a JSON file (one payload, or an array of them), a folder of
 * such files, an NDJSON file of any size (streamed line by line, each line capped), `-` for
 * stdin; a 1.0 input may hold form-encoded bodies. Invalid records are events, not exceptions,
 * so the caller decides between stopping (exit 2) and --skip-invalid.
 */
export async function* readPayloads(
  input: string,
  opts: ReadPayloadsOptions,
): AsyncGenerator<PayloadEvent> {
  if (input === '-') {
    yield* fromStream(opts.stdin, 'stdin', opts);
    return;
  }
  const abs = resolve(opts.cwd, input);
  let st;
  try {
    st = await stat(abs);
  } catch (e) {
    throw notFound(input, e);
  }
  if (st.isDirectory()) {
    yield* fromFolder(abs, input, opts);
    return;
  }
  yield* fromFile(abs, input, st.size, opts);
}

async function* fromFolder(
  abs: string,
  shown: string,
  opts: ReadPayloadsOptions,
): AsyncGenerator<PayloadEvent> {
  let entries;
  try {
    entries = await readdir(abs, { withFileTypes: true });
  } catch (e) {
    throw notFound(shown, e);
  }
  const names = entries.map((e) => e.name).sort();
  let ignored = 0;
  let taken = 0;
  for (const name of names) {
    if (name.startsWith('.')) continue;
    if (!FOLDER_FILES.test(name)) {
      ignored++;
      continue;
    }
    const full = join(abs, name);
    let st;
    try {
      st = await stat(full);
    } catch (e) {
      throw notFound(`${shown}/${name}`, e);
    }
    if (!st.isFile()) {
      ignored++;
      continue;
    }
    taken++;
    yield* fromFile(full, join(shown, name), st.size, opts);
  }
  if (ignored > 0) opts.onNotice?.(MESSAGES.diff.folderIgnored(shown, ignored));
  if (taken === 0)
    throw new UserError(
      MESSAGES.diff.emptyFolder(shown),
      ExitCode.USAGE,
      MESSAGES.diff.noPayloadsHint,
    );
}

async function* fromFile(
  abs: string,
  shown: string,
  size: number,
  opts: ReadPayloadsOptions,
): AsyncGenerator<PayloadEvent> {
  const maxDoc = opts.maxDocumentBytes ?? MAX_DOCUMENT_BYTES;
  if (NDJSON_NAME.test(abs) || size > maxDoc) {
    // readRegularFile's checks first (FIFO, device), then stream: never slurp a big file.
    const st = await stat(abs);
    if (!st.isFile()) await readRegularFile(abs, 0, shown);
    const stream = createReadStream(abs, { highWaterMark: 1024 * 1024 });
    try {
      yield* ndjson(stream, shown, opts);
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw notFound(shown, e);
    } finally {
      stream.destroy();
    }
    return;
  }
  const bytes = await readRegularFile(abs, maxDoc, shown);
  opts.onBytes?.(bytes.length);
  yield* fromBuffer(bytes, shown, opts);
}

async function* fromStream(
  stream: NodeJS.ReadableStream,
  shown: string,
  opts: ReadPayloadsOptions,
): AsyncGenerator<PayloadEvent> {
  const maxDoc = opts.maxDocumentBytes ?? MAX_DOCUMENT_BYTES;
  const held: Buffer[] = [];
  let total = 0;
  const it = (stream as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  for (;;) {
    const r = await it.next();
    if (r.done) {
      yield* fromBuffer(Buffer.concat(held), shown, opts);
      return;
    }
    const b = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    opts.onBytes?.(b.length);
    held.push(b);
    total += b.length;
    if (total > maxDoc) break;
  }
  // Too big for one document: it is NDJSON; replay what was held, then stream the rest.
  async function* rest(): AsyncGenerator<Buffer> {
    for (const b of held.splice(0)) yield b;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      const b = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
      opts.onBytes?.(b.length);
      yield b;
    }
  }
  yield* ndjson(rest(), shown, { ...opts, onBytes: undefined });
}

/** True when the text is one payload per line (first line a whole JSON or form record, more after it). */
function looksLikeNdjson(bytes: Uint8Array, side: Side): boolean {
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

async function* fromBuffer(
  bytes: Uint8Array,
  shown: string,
  opts: ReadPayloadsOptions,
): AsyncGenerator<PayloadEvent> {
  if (looksLikeNdjson(bytes, opts.side)) {
    yield* ndjson([bytes], shown, { ...opts, onBytes: undefined });
    return;
  }
  const decoded = decodeRecordText(bytes);
  if (!decoded.ok) {
    yield { kind: 'invalid', where: shown, reason: decoded.reason };
    return;
  }
  const text = decoded.text.trim();
  if (text === '') return;
  if (opts.side === 'v1' && text[0] !== '{' && text[0] !== '[' && looksFormEncoded(text)) {
    yield { kind: 'record', value: parseFormEncoded(text), where: shown };
    return;
  }
  // One payload (not an array of them): refuse a million-key record on its text, before
  // JSON.parse spends a gigabyte on it.
  const max = PAYLOAD_RECORD_LIMITS.maxNodes;
  if (text[0] === '{' && text.length > 2 * max && jsonExtent(text).items > max + 1) {
    yield {
      kind: 'invalid',
      where: shown,
      reason: MESSAGES.diff.tooManyValues(PAYLOAD_RECORD_LIMITS.maxNodes),
    };
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(decoded.text);
  } catch {
    // Our scanner gives the line and column JSON.parse does not.
    const scan = scanJson(decoded.text);
    const at = scan.error ? lineColumn(decoded.text, scan.error.offset) : { line: 1, column: 1 };
    yield {
      kind: 'invalid',
      where: `${shown}:${at.line}:${at.column}`,
      reason: MESSAGES.diff.invalidJson(scan.error?.message ?? 'syntax error'),
    };
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const kind = kindOf(item);
      yield kind === 'object'
        ? { kind: 'record', value: item, where: `${shown}[${i}]` }
        : { kind: 'invalid', where: `${shown}[${i}]`, reason: MESSAGES.diff.notObject(kind) };
    }
    return;
  }
  const kind = kindOf(value);
  yield kind === 'object'
    ? { kind: 'record', value, where: shown }
    : { kind: 'invalid', where: shown, reason: MESSAGES.diff.notObject(kind) };
}

function lineEvent(
  ev: LineEvent,
  shown: string,
  side: Side,
  maxLine: number,
): PayloadEvent | undefined {
  const where = `${shown}:${ev.line}`;
  if (ev.tooLong !== undefined)
    return { kind: 'invalid', where, reason: MESSAGES.diff.lineTooLong(ev.tooLong, maxLine) };
  let bytes = ev.bytes;
  let s = 0;
  while (s < bytes.length && isSpace(bytes[s])) s++;
  if (s === bytes.length) return undefined;
  if (bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
  const decoded = decodeRecordText(bytes);
  if (!decoded.ok) return { kind: 'invalid', where, reason: decoded.reason };
  const parsed = parseRecordText(decoded.text, side);
  return parsed.ok
    ? { kind: 'record', value: parsed.value, where }
    : { kind: 'invalid', where, reason: parsed.reason };
}

async function* ndjson(
  chunks: AsyncIterable<Buffer | string> | Iterable<Uint8Array>,
  shown: string,
  opts: ReadPayloadsOptions,
): AsyncGenerator<PayloadEvent> {
  const maxLine = opts.maxLineBytes ?? MAX_LINE_BYTES;
  const splitter = new LineSplitter(maxLine);
  for await (const chunk of chunks) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    opts.onBytes?.(b.length);
    for (const ev of splitter.push(b)) {
      const out = lineEvent(ev, shown, opts.side, maxLine);
      if (out) yield out;
    }
  }
  for (const ev of splitter.end()) {
    const out = lineEvent(ev, shown, opts.side, maxLine);
    if (out) yield out;
  }
}
