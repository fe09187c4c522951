/**
 * The runtime vocabulary every layer shares (types only): what a command knows of the world it
 * runs in, and the handler shape src/cli calls. Built once by src/cli/context.ts.
 */

/** Why a secret is weak: 1–3 characters (refused where read), under 8, or a common word. */
export type SecretWeakness = 'too-short' | 'short' | 'common';

/**
 * Masks secrets (registered as they are resolved). `mask` is for text known to carry secrets (a
 * secret-bearing value, a header value, an echoed body, a receiver's snippet, the migrate diff):
 * every registered secret, in every escaped form. `redact` is the last-line scan every output
 * passes through: unambiguous secrets only (12+ characters, not a common word), so keys, ids and
 * qwh's own text are never garbled by a short secret.
 */
export interface SecretMasker {
  /** Registers a secret value (label: where it came from, named in a weak-secret warning); returns it unchanged. */
  add(secret: string | undefined | null, label?: string): string | undefined | null;
  /** Masks every registered secret in a secret-bearing text. */
  mask(text: string): string;
  /** The last-line scan: masks the unambiguous registered secrets only. */
  redact(text: string): string;
  readonly size: number;
}

/** A text sink that masks registered secrets before anything reaches the terminal or a pipe. */
export interface Output {
  write(text: string): void;
  readonly isTTY: boolean;
  readonly columns: number;
  /** Colour level for this stream (0 = none). */
  readonly colorLevel: 0 | 1 | 2 | 3;
}

/**
 * Everything a command may know about the world it runs in, decided once: streams, TTY,
 * colour, progress, CI, environment. Commands receive it; nothing reads process.* directly.
 */
export interface RuntimeContext {
  stdout: Output;
  stderr: Output;
  stdin: NodeJS.ReadStream;
  /** Prompts allowed: stdin and stderr are terminals and this is not CI. */
  interactive: boolean;
  /** Spinners allowed: stderr is a terminal, not CI, not --no-progress. */
  progress: boolean;
  /** `--no-progress` was given: not even the plain "… testing" lines a spinner falls back to. */
  quiet?: boolean;
  ci: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
  version: string;
  redactor: SecretMasker;
  /** Monotonic milliseconds (performance.now by default): report durations, e.g. JUnit `time`. Tests inject one. */
  clock?: () => number;
  /** Aborted on the first SIGINT/SIGTERM: long steps finish the current step, then stop. */
  signal: AbortSignal;
  /** Register work that must run when interrupted (release a lock, flush a file); returns an unregister function. */
  onInterrupt(handler: () => void | Promise<void>): () => void;
}

/** A command's entry: flags in, exit code out. Only src/cli turns the code into the process exit status. */
export type CommandHandler = (
  ctx: RuntimeContext,
  args: readonly (string | undefined)[],
  opts: Record<string, unknown>,
) => Promise<number>;

/** What a lazily imported command module must export. */
export interface CommandModule {
  default: CommandHandler;
}
