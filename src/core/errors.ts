import { ExitCode, type ExitCodeValue } from './exit-codes.js';

/**
 * An error the user can fix: printed as one line (plus an optional hint), never with a stack.
 * Anything that is not a UserError reaching the CLI frame is a bug (exit 70).
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue = ExitCode.USAGE,
    readonly hint?: string,
    /** Further one-line problems (e.g. every invalid field of a file), printed after the message. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

/** Thrown when the user interrupts (SIGINT) between steps; the CLI exits 130. */
export class InterruptedError extends UserError {
  constructor(message = 'interrupted') {
    super(message, ExitCode.INTERRUPTED);
  }
}

/** True for a UserError from any copy of this module (instanceof is unreliable across bundles). */
export function isUserError(e: unknown): e is UserError {
  return (
    e instanceof UserError || (e instanceof Error && e.name === 'UserError' && 'exitCode' in e)
  );
}

/** An input file with one or more problems; carries them for --json reporters. */
export class InvalidFileError extends UserError {
  constructor(
    readonly file: string,
    readonly problems: ReadonlyArray<{
      path: ReadonlyArray<string | number>;
      message: string;
      line?: number;
      column?: number;
    }>,
    lines: readonly string[],
    hint: string,
  ) {
    super(lines[0] ?? file, ExitCode.USAGE, hint, lines.slice(1));
  }
}
