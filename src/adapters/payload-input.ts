import { STATE_INCOMPLETE } from '../core/assumptions.js';
import { isOneCaptureALine } from '../core/diff/decode-record.js';
import { idField } from '../core/endpoint/payload-id.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { decodeUtf8 } from '../core/input/decode.js';
import { checkStructure, jsonTextProblem, PAYLOAD_LIMITS } from '../core/input/limits.js';
import { formatPath } from '../core/path.js';
import { looksFormEncoded, parseFormEncoded } from '../core/payload/v1.js';
import { ParticipationV2Schema } from '../core/payload/v2.js';
import { zodIssuesToProblems } from '../core/zod-problems.js';
import type { EndpointPayload } from '../core/endpoint/report.js';
import { MESSAGES } from '../messages/index.js';
import { MAX_LINE_BYTES, walkCaptures } from './capture-walker.js';

/** Largest payload file read (an NDJSON capture of many deliveries). */
export const MAX_PAYLOAD_FILE_BYTES = 64 * 1024 * 1024;
/** Most bodies taken from --payload. */
export const MAX_PAYLOADS = 10_000;

/**
 * The capture rule diff-payload uses (one capture a line, or one document), after the whole file
 * was checked as UTF-8 (refused here with the file's offset).
 */
function isNdjsonFor(version: 1 | 2): (bytes: Uint8Array, shown: string) => boolean {
  return (bytes, shown) => {
    decodeUtf8(bytes, shown);
    return isOneCaptureALine(bytes, version === 1 ? 'v1' : 'v2');
  };
}

/**
 * Reads the user's captured bodies from a file (one body), an NDJSON file (one body a line) or a
 * folder of them, keeping the exact bytes. Bodies that are not JSON objects (or 1.0 form data)
 * are errors (exit 2) naming file and line; a 2.0 body that does not match qwh's model is sent
 * anyway, with a warning, since a real capture outranks the model. `stdin`, when given, is read
 * for `-`.
 */
export async function loadPayloads(
  path: string,
  cwd: string,
  version: 1 | 2,
  warn: (msg: string) => void,
  stdin?: NodeJS.ReadableStream,
): Promise<EndpointPayload[]> {
  const E = MESSAGES.endpoint;
  const none = (): UserError => new UserError(E.payloadNone(path), ExitCode.USAGE, E.payloadHint);
  const captures = walkCaptures(path, {
    cwd,
    stdin,
    // Every body is held (and sent), so the whole input is capped, not only each line.
    maxDocumentBytes: MAX_PAYLOAD_FILE_BYTES,
    maxFileBytes: MAX_PAYLOAD_FILE_BYTES,
    maxLineBytes: MAX_LINE_BYTES,
    isNdjson: isNdjsonFor(version),
    onNotice: warn,
    notFoundHint: E.payloadHint,
    emptyFolder: none,
  });
  const out: EndpointPayload[] = [];
  for await (const c of captures) {
    if (c.kind === 'too-long')
      throw new UserError(
        MESSAGES.input.tooLarge(c.where, c.length, MAX_LINE_BYTES),
        ExitCode.USAGE,
        E.payloadHint,
      );
    if (out.length >= MAX_PAYLOADS)
      throw new UserError(E.payloadTooMany(MAX_PAYLOADS), ExitCode.USAGE, E.payloadHint);
    // Kept until sent: a line is copied, so a body never pins the whole chunk it was read in; a
    // document is its own buffer already.
    const bytes =
      c.kind === 'line'
        ? Buffer.from(c.bytes)
        : Buffer.from(c.bytes.buffer, c.bytes.byteOffset, c.bytes.length);
    out.push(classify(c.where, bytes, version, warn));
  }
  if (out.length === 0) throw none();
  return out;
}

function classify(
  where: string,
  raw: Buffer,
  version: 1 | 2,
  warn: (msg: string) => void,
): EndpointPayload {
  const E = MESSAGES.endpoint;
  // An editor's UTF-8 BOM is not part of a delivery: Qualifio never sends one.
  const bytes = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? raw.subarray(3) : raw;
  const text = decodeUtf8(bytes, where);
  if (version === 1 && looksFormEncoded(text)) {
    const flat = parseFormEncoded(text.trim());
    if (!(idField(1) in flat)) warn(E.payloadNoId(where, idField(1)));
    return {
      bytes,
      contentType: 'application/x-www-form-urlencoded',
      source: where,
      state: 'complete',
    };
  }
  const tooBig = jsonTextProblem(text, PAYLOAD_LIMITS);
  if (tooBig) throw new UserError(E.payloadStructure(where, tooBig), ExitCode.USAGE, E.payloadHint);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new UserError(
      E.payloadInvalidJson(where, shortJsonError(e)),
      ExitCode.USAGE,
      E.payloadHint,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UserError(E.payloadNotObject(where), ExitCode.USAGE, E.payloadHint);
  // Bounded before anything walks or re-serialises it (100 000 levels would overflow the stack).
  const bad = checkStructure(value, PAYLOAD_LIMITS)[0];
  if (bad)
    throw new UserError(
      E.payloadStructure(
        where,
        bad.path.length > 0 ? `${formatPath(bad.path.slice(0, 4))}…: ${bad.message}` : bad.message,
      ),
      ExitCode.USAGE,
      E.payloadHint,
    );
  const obj = value as Record<string, unknown>;
  const field = idField(version);
  if (typeof obj[field] !== 'string' && typeof obj[field] !== 'number') {
    // The 2.0 id is documented; the 1.0 key name is an assumption, so only warn there.
    if (version === 2)
      throw new UserError(E.payloadNoId(where, field), ExitCode.USAGE, E.payloadHint);
    warn(E.payloadNoId(where, field));
  }
  if (version === 2) {
    const v = ParticipationV2Schema.safeParse(value);
    if (!v.success) {
      const p = zodIssuesToProblems(v.error.issues)[0];
      warn(E.payloadSchemaWarning(where, p ? `${formatPath(p.path)}: ${p.message}` : 'invalid'));
    }
  }
  return {
    bytes,
    contentType: 'application/json',
    source: where,
    state: version === 2 && obj.state === STATE_INCOMPLETE ? 'incomplete' : 'complete',
  };
}

/** V8's JSON.parse message without the input it echoes (a capture may hold personal data). */
function shortJsonError(e: unknown): string {
  return (e instanceof Error ? e.message : String(e))
    .replace(/, "[\s\S]*" is not valid JSON$/, '')
    .replace(/^(Unexpected token '.'), "[\s\S]*$/, '$1')
    .slice(0, 100);
}
