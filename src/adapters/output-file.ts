import { resolve } from 'node:path';
import type { SecretMasker } from '../contracts/index.js';
import { isUserError, UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { MESSAGES } from '../messages/index.js';
import { writeFileAtomic } from './atomic-write.js';
import { errnoOf } from './errno.js';

/**
 * Writes a report, plan or runbook the user asked for (`--out`, `--plan-out`, `--runbook`):
 * atomically, masked as a second line of defence, relative to the working folder.
 */
export async function writeOutputFile(
  cwd: string,
  file: string,
  text: string,
  masker: SecretMasker,
): Promise<void> {
  try {
    await writeFileAtomic(resolve(cwd, file), masker.redact(text), { mode: 0o644, shown: file });
  } catch (e) {
    if (isUserError(e)) throw e;
    throw new UserError(
      MESSAGES.input.unreadable(file, errnoOf(e) ?? 'write failed'),
      ExitCode.USAGE,
    );
  }
}
