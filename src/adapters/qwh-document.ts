import { lstat, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { MESSAGES } from '../messages/index.js';
import { writeFileAtomic } from './atomic-write.js';
import { errnoOf, isErrno } from './errno.js';
import { readRegularFile } from './read-file.js';

const M = MESSAGES.migrate.store;

/**
 * Reads one of qwh's own JSON documents in `.qwh/` (stages, observe ledger): `empty()` when it
 * does not exist yet, the `corrupt` error (exit 4) when `parse` does not recognise it.
 */
export async function readQwhDocument<T>(
  path: string,
  o: { maxBytes: number; rel: string; parse: (text: string) => T | undefined; empty: () => T },
  corrupt: () => UserError,
): Promise<T> {
  try {
    await lstat(path);
  } catch (e) {
    if (isErrno(e, 'ENOENT')) return o.empty();
  }
  const bytes = await readRegularFile(path, o.maxBytes, o.rel);
  const doc = o.parse(bytes.toString('utf8'));
  if (!doc) throw corrupt();
  return doc;
}

/** Replaces one of qwh's `.qwh/` documents atomically (0600); a system error is exit 4 naming it. */
export async function writeQwhDocument(path: string, rel: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFileAtomic(path, text, { mode: 0o600 });
  } catch (e) {
    const code = errnoOf(e);
    if (typeof code !== 'string') throw e;
    throw new UserError(M.ioFailed(rel, code), ExitCode.REFUSED, M.ioFailedHint);
  }
}
