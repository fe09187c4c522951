import { createReadStream, type Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { LineSplitter, type LineEvent } from '../core/input/lines.js';
import { MESSAGES } from '../messages/index.js';
import { fileError, kindOf, readRegularFile } from './read-file.js';

/** Largest single NDJSON line (one capture); longer lines are skipped as they stream by. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;
/** Largest single document read whole; bigger inputs are one capture a line (streamed). */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

/** Files streamed line by line whatever their size. */
const NDJSON_NAME = /\.(ndjson|jsonl)$/i;
/** The files a folder's captures are taken from; anything else in it is ignored (and counted). */
const CAPTURE_FILE = /\.(json|ndjson|jsonl|txt|form)$/i;
/**
 * Chunk size of streamed files: per-chunk costs vanish next to parsing, and 1 MiB chunks
 * waiting for GC cost ~60 MB of RSS at 1 GB (issue 18).
 */
const CHUNK_BYTES = 256 * 1024;

/**
 * One capture as read: a whole document (a file, or stdin, not split into lines), one line of
 * an NDJSON input (blank lines are not items; a trailing CR is dropped), or a line over the
 * line cap (only its length is known: it was never held). `bytes` may be a view into a read
 * chunk: a consumer that keeps it past the next item copies it.
 */
export type Capture =
  | { kind: 'document'; where: string; bytes: Uint8Array }
  | { kind: 'line'; where: string; bytes: Uint8Array }
  | { kind: 'too-long'; where: string; length: number };

export interface WalkCapturesOptions {
  /** Where relative paths start. */
  cwd: string;
  /** Read for `-`; without it `-` is an ordinary path (a caller that offers no stdin input). */
  stdin?: NodeJS.ReadableStream | undefined;
  /** Largest input read whole as one document (default 64 MiB); bigger ones are NDJSON. */
  maxDocumentBytes?: number | undefined;
  /** Largest input read at all, refused before reading (default: none, streamed). */
  maxFileBytes?: number | undefined;
  /** Largest line (default 8 MiB); a longer one is a `too-long` item, skipped unread. */
  maxLineBytes?: number | undefined;
  /** The caller's content rule: is this document, read whole, in fact one capture a line? */
  isNdjson?: ((bytes: Uint8Array, where: string) => boolean) | undefined;
  /** Called with the bytes of each chunk read (progress, throughput). */
  onBytes?: ((n: number) => void) | undefined;
  /** Called with one-line notices (files a folder holds that are not captures). */
  onNotice?: ((text: string) => void) | undefined;
  /** Hint of the error for a path that does not exist. */
  notFoundHint: string;
  /** The error for a folder holding no capture file. */
  emptyFolder: (shown: string) => UserError;
}

function isSpace(b: number | undefined): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

function tooLarge(shown: string, bytes: number, max: number): UserError {
  return new UserError(
    MESSAGES.input.tooLarge(shown, bytes, max),
    ExitCode.USAGE,
    MESSAGES.input.tooLargeHint,
  );
}

/**
 * Walks one capture input — a file, a folder of them (one level, name order, hidden files
 * skipped), an NDJSON file of any size (streamed in chunks, each line capped), or `-` for stdin
 * — and yields its captures with where each came from (`captures/a.json`, `s.ndjson:3`). What a
 * capture means (JSON, form body, array of payloads) is the caller's: this only finds bytes.
 */
export async function* walkCaptures(
  input: string,
  opts: WalkCapturesOptions,
): AsyncGenerator<Capture> {
  for await (const batch of walkCaptureBatches(input, opts)) yield* batch;
}

/**
 * walkCaptures in batches: the captures of one read chunk at a time (a streamed file), or of
 * one whole document. Per capture this costs a loop step instead of a trip through a chain of
 * async generators (most of the reading overhead of a stream of small records: BENCHMARKS.md
 * §5). A batch's line bytes are views into its chunk, valid until the next batch is asked for.
 */
export async function* walkCaptureBatches(
  input: string,
  opts: WalkCapturesOptions,
): AsyncGenerator<Capture[]> {
  if (input === '-' && opts.stdin) {
    yield* fromStream(opts.stdin, 'stdin', opts);
    return;
  }
  const abs = resolve(opts.cwd, input);
  let st;
  try {
    st = await stat(abs);
  } catch (e) {
    throw fileError(input, e, opts.notFoundHint);
  }
  if (st.isDirectory()) yield* fromFolder(abs, input, opts);
  else yield* fromFile(abs, input, st, opts);
}

/**
 * The folder rule, the same for every command: not recursive; entries in name order (code-unit
 * order, the same on every machine); hidden entries (`.name`) skipped silently, as editors and
 * macOS leave them; names without a capture extension, and subfolders, skipped and counted in
 * one notice. An entry with a capture name is read exactly as if it had been named on the command
 * line: a symlink is followed, a dangling one is "no such file", a FIFO or device is refused
 * (reading one could block or never end) — a capture is never dropped silently.
 */
async function* fromFolder(
  abs: string,
  shown: string,
  opts: WalkCapturesOptions,
): AsyncGenerator<Capture[]> {
  let names: string[];
  try {
    names = (await readdir(abs)).sort();
  } catch (e) {
    throw fileError(shown, e, opts.notFoundHint);
  }
  let ignored = 0;
  let taken = 0;
  for (const name of names) {
    if (name.startsWith('.')) continue;
    if (!CAPTURE_FILE.test(name)) {
      ignored++;
      continue;
    }
    const full = join(abs, name);
    const where = join(shown, name);
    let st;
    try {
      st = await stat(full);
    } catch (e) {
      throw fileError(where, e, opts.notFoundHint);
    }
    if (st.isDirectory()) {
      ignored++;
      continue;
    }
    taken++;
    yield* fromFile(full, where, st, opts);
  }
  if (ignored > 0) opts.onNotice?.(MESSAGES.diff.folderIgnored(shown, ignored));
  if (taken === 0) throw opts.emptyFolder(shown);
}

async function* fromFile(
  abs: string,
  shown: string,
  st: Stats,
  opts: WalkCapturesOptions,
): AsyncGenerator<Capture[]> {
  // A FIFO or device is refused with read-file's words before anything opens it.
  if (kindOf(st)) await readRegularFile(abs, 0, shown);
  const maxFile = opts.maxFileBytes ?? Infinity;
  if (st.size > maxFile) throw tooLarge(shown, st.size, maxFile);
  const maxDoc = Math.min(opts.maxDocumentBytes ?? MAX_DOCUMENT_BYTES, maxFile);
  if (!NDJSON_NAME.test(abs) && st.size <= maxDoc) {
    const bytes = await readRegularFile(abs, maxDoc, shown);
    opts.onBytes?.(bytes.length);
    yield* fromDocument(bytes, shown, opts);
    return;
  }
  // Never slurp a big file: stream it in chunks.
  const stream = createReadStream(abs, { highWaterMark: CHUNK_BYTES });
  try {
    yield* lines(stream, shown, opts, opts.onBytes);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw fileError(shown, e, opts.notFoundHint);
  } finally {
    stream.destroy();
  }
}

async function* fromStream(
  stream: NodeJS.ReadableStream,
  shown: string,
  opts: WalkCapturesOptions,
): AsyncGenerator<Capture[]> {
  const maxFile = opts.maxFileBytes ?? Infinity;
  const maxDoc = Math.min(opts.maxDocumentBytes ?? MAX_DOCUMENT_BYTES, maxFile);
  const held: Buffer[] = [];
  let total = 0;
  const it = (stream as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  for (;;) {
    const r = await it.next();
    if (r.done) {
      yield* fromDocument(Buffer.concat(held), shown, opts);
      return;
    }
    const b = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    opts.onBytes?.(b.length);
    held.push(b);
    total += b.length;
    if (total > maxDoc) break;
  }
  if (total > maxFile) {
    void it.return?.();
    throw tooLarge(shown, total, maxFile);
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
  // rest() reports its own chunks (the held ones were reported as they came in); lines() holds
  // the whole stream to maxFileBytes.
  yield* lines(rest(), shown, opts, undefined);
}

async function* fromDocument(
  bytes: Uint8Array,
  shown: string,
  opts: WalkCapturesOptions,
): AsyncGenerator<Capture[]> {
  // Already counted as read: splitting it reads nothing more.
  if (opts.isNdjson?.(bytes, shown)) yield* lines([bytes], shown, opts, undefined);
  else yield [{ kind: 'document', where: shown, bytes }];
}

function lineCapture(ev: LineEvent, shown: string): Capture | undefined {
  if (ev.tooLong !== undefined)
    return { kind: 'too-long', where: `${shown}:${ev.line}`, length: ev.tooLong };
  let bytes = ev.bytes;
  let s = 0;
  while (s < bytes.length && isSpace(bytes[s])) s++;
  if (s === bytes.length) return undefined;
  if (bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
  return { kind: 'line', where: `${shown}:${ev.line}`, bytes };
}

async function* lines(
  chunks: AsyncIterable<Buffer | string> | Iterable<Uint8Array>,
  shown: string,
  opts: WalkCapturesOptions,
  onBytes: ((n: number) => void) | undefined,
): AsyncGenerator<Capture[]> {
  const maxFile = opts.maxFileBytes ?? Infinity;
  const splitter = new LineSplitter(opts.maxLineBytes ?? MAX_LINE_BYTES);
  let total = 0;
  for await (const chunk of chunks) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    // A file that grew after stat is still refused, not read on.
    total += b.length;
    if (total > maxFile) throw tooLarge(shown, total, maxFile);
    onBytes?.(b.length);
    // Lines are views into the chunk (LineSplitter copies only a line split across chunks).
    const batch: Capture[] = [];
    for (const ev of splitter.push(b)) {
      const c = lineCapture(ev, shown);
      if (c) batch.push(c);
    }
    if (batch.length > 0) yield batch;
  }
  const last: Capture[] = [];
  for (const ev of splitter.end()) {
    const c = lineCapture(ev, shown);
    if (c) last.push(c);
  }
  if (last.length > 0) yield last;
}
