import {
  decodeRecordText,
  isOneCaptureALine,
  parseRecordText,
  type Side,
} from '../core/diff/decode-record.js';
import { kindOf, PAYLOAD_RECORD_LIMITS } from '../core/diff/flatten.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { jsonExtent, lineColumn, scanJson } from '../core/input/json-scan.js';
import { looksFormEncoded, parseFormEncoded } from '../core/payload/form.js';
import type { PayloadEvent } from '../contracts/index.js';
import { captureBody } from '../core/migrate/capture-body.js';
import { MESSAGES } from '../messages/index.js';
import {
  MAX_DOCUMENT_BYTES,
  MAX_LINE_BYTES,
  walkCaptureBatches,
  type Capture,
} from './capture-walker.js';

export { MAX_DOCUMENT_BYTES, MAX_LINE_BYTES };

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
  for await (const captures of captureBatches(input, opts))
    for (const raw of captures) {
      // Parsed as they are asked for: one capture's payloads alive at a time.
      const held: PayloadEvent[] = [];
      eventsOf(raw, opts, (ev) => held.push(ev));
      yield* held;
    }
}

/**
 * readPayloads as a push loop: `visit` is called with each event as soon as its record is
 * parsed, one record alive at a time, and no promise per record (a stream of small records
 * spent most of its reading time in a chain of async generators: BENCHMARKS.md §5). An error
 * thrown by `visit` stops the reading and rejects the returned promise.
 */
export async function eachPayload(
  input: string,
  opts: ReadPayloadsOptions,
  visit: (ev: PayloadEvent) => void,
): Promise<void> {
  for await (const captures of captureBatches(input, opts))
    for (const raw of captures) eventsOf(raw, opts, visit);
}

function captureBatches(input: string, opts: ReadPayloadsOptions): AsyncGenerator<Capture[]> {
  return walkCaptureBatches(input, {
    cwd: opts.cwd,
    stdin: opts.stdin,
    maxDocumentBytes: opts.maxDocumentBytes ?? MAX_DOCUMENT_BYTES,
    maxLineBytes: opts.maxLineBytes ?? MAX_LINE_BYTES,
    isNdjson: (bytes) => isOneCaptureALine(bytes, opts.side),
    onBytes: opts.onBytes,
    onNotice: opts.onNotice,
    notFoundHint: MESSAGES.diff.noPayloadsHint,
    emptyFolder: (shown) =>
      new UserError(MESSAGES.diff.emptyFolder(shown), ExitCode.USAGE, MESSAGES.diff.noPayloadsHint),
  });
}

/** The events of one capture: a line's record, a document's payloads, or a line too long. */
function eventsOf(raw: Capture, opts: ReadPayloadsOptions, out: (ev: PayloadEvent) => void): void {
  // A capture record (qwh listen --save, docs/migrate.md "Captures") stands for its body.
  const body = raw.kind === 'too-long' ? undefined : captureBody(raw.bytes);
  const c = body && raw.kind !== 'too-long' ? { ...raw, bytes: body } : raw;
  if (c.kind === 'line') out(lineEvent(c, opts.side));
  else if (c.kind === 'document')
    for (const ev of fromDocument(c.bytes, c.where, opts.side)) out(ev);
  else
    out({
      kind: 'invalid',
      where: c.where,
      reason: MESSAGES.diff.lineTooLong(c.length, opts.maxLineBytes ?? MAX_LINE_BYTES),
    });
}

/** The payloads of one whole document: one JSON object, an array of them, or a 1.0 form body. */
function* fromDocument(bytes: Uint8Array, shown: string, side: Side): Generator<PayloadEvent> {
  const decoded = decodeRecordText(bytes);
  if (!decoded.ok) {
    yield { kind: 'invalid', where: shown, reason: decoded.reason };
    return;
  }
  const text = decoded.text.trim();
  if (text === '') return;
  if (side === 'v1' && text[0] !== '{' && text[0] !== '[' && looksFormEncoded(text)) {
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

function lineEvent(c: Capture & { kind: 'line' }, side: Side): PayloadEvent {
  const decoded = decodeRecordText(c.bytes);
  if (!decoded.ok) return { kind: 'invalid', where: c.where, reason: decoded.reason };
  const parsed = parseRecordText(decoded.text, side);
  return parsed.ok
    ? { kind: 'record', value: parsed.value, where: c.where }
    : { kind: 'invalid', where: c.where, reason: parsed.reason };
}
