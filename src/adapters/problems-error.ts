import { InvalidFileError } from '../core/errors.js';
import { formatProblem, type Problem } from '../core/path.js';
import { MESSAGES } from '../messages/index.js';

/** Throws the UserError that lists every problem of a file, one line each. */
export function problemsError(
  shown: string,
  problems: readonly Problem[],
  hint: string = MESSAGES.input.invalidHint,
): InvalidFileError {
  return new InvalidFileError(
    shown,
    problems,
    problems.map((p) => formatProblem(shown, p)),
    hint,
  );
}
