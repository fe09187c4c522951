/** The documented exit codes of every qwh command (README "Exit codes"; tests assert them). */
export const ExitCode = {
  /** Success; nothing to do; all checks passed. */
  OK: 0,
  /** Ran, and found problems: an endpoint check failed, a breaking diff under --fail-on. */
  PROBLEMS: 1,
  /** Usage or invalid input: bad flags, invalid account/config/payload file. */
  USAGE: 2,
  /** Could not reach the endpoint at all (DNS, refused, TLS, timeout before a response). */
  UNREACHABLE: 3,
  /** Refused for safety, nothing changed: lock held, stale plan, no TTY without --yes, blocked address. */
  REFUSED: 4,
  /** Migration stopped part-way; journal saved; `qwh migrate resume` finishes it. */
  PARTIAL: 5,
  /** Internal error (a bug). */
  INTERNAL: 70,
  /** Interrupted (Ctrl-C / SIGINT). */
  INTERRUPTED: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** One row per exit code, for --help and the README. */
export const EXIT_CODE_TABLE: ReadonlyArray<readonly [ExitCodeValue, string]> = [
  [ExitCode.OK, 'success; nothing to do; all checks passed'],
  [
    ExitCode.PROBLEMS,
    'ran and found problems (a failed endpoint check, a breaking diff under --fail-on)',
  ],
  [ExitCode.USAGE, 'usage or invalid input (bad flag, invalid account/config/payload file)'],
  [ExitCode.UNREACHABLE, 'could not reach the endpoint at all (DNS, refused, TLS, timeout)'],
  [
    ExitCode.REFUSED,
    'refused for safety, nothing changed (lock held, stale plan, no TTY without --yes, blocked address)',
  ],
  [ExitCode.PARTIAL, 'migration stopped part-way; journal saved; run `qwh migrate resume`'],
  [ExitCode.INTERNAL, 'internal error (a bug): please report it'],
  [ExitCode.INTERRUPTED, 'interrupted (Ctrl-C)'],
];

/** The exit code of a run's verdict: 0 pass, 1 a check failed, 3 the endpoint could not be reached. */
export function exitCodeOfVerdict(verdict: 'pass' | 'fail' | 'unreachable'): ExitCodeValue {
  if (verdict === 'unreachable') return ExitCode.UNREACHABLE;
  return verdict === 'fail' ? ExitCode.PROBLEMS : ExitCode.OK;
}
