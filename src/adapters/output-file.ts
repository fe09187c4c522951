import { access, constants, lstat, mkdir } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import type { RuntimeContext, SecretMasker } from '../contracts/index.js';
import { isUserError, UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import type { OptionTable } from '../core/options/spec.js';
import { safeForFormat, type OutputFormat } from '../core/control-text.js';
import { MESSAGES } from '../messages/index.js';
import { assertReplaceable, writeFileAtomic } from './atomic-write.js';
import { errnoOf, isErrno } from './errno.js';

const I = MESSAGES.input;

function unwritable(file: string, reason: string): UserError {
  return new UserError(I.unwritable(file, reason), ExitCode.USAGE, I.unwritableHint);
}

/**
 * Fails now, before the command has any effect, when `file` could not be written later: the
 * target is not a regular file, or the nearest existing folder above it is not a writable folder.
 * A missing folder is fine: writeOutputFile creates it (`--out reports/junit.xml` in CI).
 */
export async function checkOutputPath(cwd: string, file: string): Promise<void> {
  const abs = resolve(cwd, file);
  try {
    await assertReplaceable(abs, file);
    await access(abs, constants.W_OK);
    return;
  } catch (e) {
    if (isUserError(e)) throw e;
    // ENOTDIR: a component above is a file; found and named by the walk below.
    if (!isErrno(e, 'ENOENT') && !isErrno(e, 'ENOTDIR'))
      throw unwritable(file, errnoOf(e) ?? 'not writable');
  }
  let dir = dirname(abs);
  for (;;) {
    try {
      const st = await lstat(dir);
      if (!st.isDirectory() && !st.isSymbolicLink())
        throw unwritable(file, I.notAFolder(relative(cwd, dir) || dir));
      await access(dir, constants.W_OK | constants.X_OK);
      return;
    } catch (e) {
      if (isUserError(e)) throw e;
      if (isErrno(e, 'ENOTDIR')) throw unwritable(file, I.notAFolder(relative(cwd, dir) || dir));
      if (!isErrno(e, 'ENOENT')) throw unwritable(file, errnoOf(e) ?? 'not writable');
    }
    const up = dirname(dir);
    if (up === dir) throw unwritable(file, 'ENOENT');
    dir = up;
  }
}

/**
 * Checks every output path of a command's resolved options (rows marked `output`) and returns
 * the options unchanged: `resolveX(await checkedOutputs(ctx, TABLE, resolveOptions(…)))`.
 */
export async function checkedOutputs<T extends object>(
  ctx: Pick<RuntimeContext, 'cwd'>,
  table: OptionTable,
  resolved: T,
): Promise<T> {
  const values = resolved as Record<string, unknown>;
  for (const row of table.rows) {
    const v = values[row.key];
    if (row.output && typeof v === 'string' && v !== '' && v !== '-')
      await checkOutputPath(ctx.cwd, v);
  }
  return resolved;
}

/**
 * Writes a report, plan or runbook the user asked for (`--out`, `--plan-out`, `--runbook`):
 * atomically, masked as a second line of defence, made safe by the one rule of its format
 * (control characters of untrusted names shown as `\uXXXX` in text and code), relative to the
 * working folder; missing folders are created.
 */
export async function writeOutputFile(
  cwd: string,
  file: string,
  text: string,
  masker: SecretMasker,
  format: OutputFormat,
): Promise<void> {
  const abs = resolve(cwd, file);
  try {
    await mkdir(dirname(abs), { recursive: true });
    await writeFileAtomic(abs, safeForFormat(masker.redact(text), format), {
      mode: 0o644,
      shown: file,
    });
  } catch (e) {
    if (isUserError(e)) throw e;
    throw unwritable(file, errnoOf(e) ?? 'write failed');
  }
}
