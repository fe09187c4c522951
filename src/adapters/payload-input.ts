import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { STATE_INCOMPLETE } from '../core/assumptions.js';
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
import { readRegularFile } from './read-file.js';

/** Largest payload file read (an NDJSON capture of many deliveries). */
export const MAX_PAYLOAD_FILE_BYTES = 64 * 1024 * 1024;
/** Most bodies taken from --payload. */
export const MAX_PAYLOADS = 10_000;

const PAYLOAD_EXT = /\.(json|ndjson|jsonl|txt|form)$/i;
const NDJSON_EXT = /\.(ndjson|jsonl)$/i;

function splitLines(bytes: Buffer): Array<{ line: number; bytes: Buffer }> {
  const out: Array<{ line: number; bytes: Buffer }> = [];
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      let end = i;
      if (end > start && bytes[end - 1] === 0x0d) end--;
      const b = bytes.subarray(start, end);
      if (b.toString('utf8').trim() !== '') out.push({ line, bytes: b });
      start = i + 1;
      line++;
    }
  }
  return out;
}

/**
 * Reads the user's captured bodies from a file (one body), an NDJSON file (one body a line) or a
 * folder of them, keeping the exact bytes. Bodies that are not JSON objects (or 1.0 form data)
 * are errors (exit 2) naming file and line; a 2.0 body that does not match qwh's model is sent
 * anyway, with a warning, since a real capture outranks the model.
 */
export async function loadPayloads(
  path: string,
  cwd: string,
  version: 1 | 2,
  warn: (msg: string) => void,
): Promise<EndpointPayload[]> {
  const abs = resolve(cwd, path);
  let files: string[];
  let isDir = false;
  try {
    isDir = (await stat(abs)).isDirectory();
  } catch {
    // readRegularFile below reports the missing file properly
  }
  if (isDir) {
    files = (await readdir(abs, { withFileTypes: true }))
      .filter((d) => d.isFile() && PAYLOAD_EXT.test(d.name))
      .map((d) => join(abs, d.name))
      .sort();
    if (files.length === 0)
      throw new UserError(
        MESSAGES.endpoint.payloadNone(path),
        ExitCode.USAGE,
        MESSAGES.endpoint.payloadHint,
      );
  } else files = [abs];

  const out: EndpointPayload[] = [];
  for (const file of files) {
    // A file is named as given; a folder's files relative to where qwh runs.
    const shown = isDir ? relative(cwd, file) || basename(file) : path;
    const bytes = await readRegularFile(file, MAX_PAYLOAD_FILE_BYTES, shown);
    let bodies: Array<{ where: string; bytes: Buffer }>;
    const text = decodeUtf8(bytes, shown);
    const whole = (): boolean => {
      // Too big to parse: judged (and refused) as one body below.
      if (jsonTextProblem(text, PAYLOAD_LIMITS)) return true;
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    };
    const ndjson =
      NDJSON_EXT.test(file) ||
      (!looksFormEncoded(text) &&
        text.trim().includes('\n') &&
        !whole() &&
        text.trim().startsWith('{'));
    if (ndjson)
      bodies = splitLines(bytes).map((l) => ({ where: `${shown}:${l.line}`, bytes: l.bytes }));
    else bodies = [{ where: shown, bytes }];
    for (const b of bodies) {
      if (out.length >= MAX_PAYLOADS)
        throw new UserError(
          MESSAGES.endpoint.payloadTooMany(MAX_PAYLOADS),
          ExitCode.USAGE,
          MESSAGES.endpoint.payloadHint,
        );
      out.push(classify(b.where, b.bytes, version, warn));
    }
  }
  if (out.length === 0)
    throw new UserError(
      MESSAGES.endpoint.payloadNone(path),
      ExitCode.USAGE,
      MESSAGES.endpoint.payloadHint,
    );
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
