import { MESSAGES } from '../messages/index.js';
import { resolve } from 'node:path';
import type { Parsed } from '../core/diff/rules.js';
import { decodeUtf8 } from '../core/input/decode.js';
import { ACCOUNT_FILE_LIMITS, MAX_ACCOUNT_FILE_BYTES } from '../core/input/limits.js';
import { problemsError } from './problems-error.js';
import { readRegularFile } from './read-file.js';

/**
 * Reads and validates a small JSON or YAML document (diff-payload's --map and --rules), bounded
 * like every config file; every problem is one line naming the file, with `hint` to fix it.
 */
export async function loadSmallDocument<T>(
  cwd: string,
  file: string,
  parse: (doc: unknown) => Parsed<T>,
  hint: string,
): Promise<T> {
  const text = decodeUtf8(
    await readRegularFile(
      resolve(cwd, file),
      MAX_ACCOUNT_FILE_BYTES,
      file,
      MESSAGES.input.pathHint,
    ),
    file,
  );
  // The YAML parser loads only for a run that gives --map or --rules.
  const { detectFormat, parseDocumentText } = await import('../core/input/parse-document.js');
  const doc = parseDocumentText(text, detectFormat(file, text), ACCOUNT_FILE_LIMITS);
  if (!doc.ok) throw problemsError(file, doc.problems, hint);
  const r = parse(doc.value);
  if (!r.ok) throw problemsError(file, r.problems, hint);
  return r.value;
}
