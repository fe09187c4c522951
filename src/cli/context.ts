import type { Output, RuntimeContext } from '../contracts/index.js';
import { Redactor } from '../core/redact.js';
import { MESSAGES } from '../messages/index.js';
import { neutralizeControls } from '../ui/terminal-text.js';

export interface ContextOptions {
  color?: boolean | undefined;
  progress?: boolean | undefined;
  /** `--no-input`: never prompt (clig.dev), even on a terminal. */
  input?: boolean | undefined;
}

function envFlag(v: string | undefined): boolean {
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/** Colour level from NO_COLOR / FORCE_COLOR / --[no-]color / TTY, in that order of precedence. */
export function colorLevelFor(
  stream: { isTTY?: boolean },
  env: NodeJS.ProcessEnv,
  flag: boolean | undefined,
): 0 | 1 | 2 | 3 {
  if (flag === false) return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force.toLowerCase() === 'false') return 0;
    if (force === '2') return 2;
    if (force === '3') return 3;
    return 1;
  }
  if (flag === true) return 1;
  if (!stream.isTTY) return 0;
  if (env.TERM === 'dumb') return 0;
  return env.COLORTERM === 'truecolor' ? 3 : 2;
}

function makeOutput(stream: NodeJS.WriteStream, redactor: Redactor, level: 0 | 1 | 2 | 3): Output {
  return {
    write: (text: string) => {
      // Last-line secret scan, then no control character of untrusted text reaches the terminal.
      stream.write(neutralizeControls(redactor.redact(text), level > 0));
    },
    isTTY: Boolean(stream.isTTY),
    columns: stream.columns || 100,
    colorLevel: level,
  };
}

/** Builds the runtime context from the process once, at start-up. */
export function createContext(
  proc: NodeJS.Process,
  version: string,
  opts: ContextOptions,
  signal: AbortSignal,
  onInterrupt: RuntimeContext['onInterrupt'],
): RuntimeContext {
  const env = proc.env;
  // A weak secret is said once, when it is registered (read): never with its value.
  // Through the stderr sink: the label (a file name, a field path) is untrusted text too.
  const redactor = new Redactor({
    onWeak: (why, label) => stderr.write(`warning: ${MESSAGES.secrets.weak(label, why)}\n`),
  });
  const stderr = makeOutput(proc.stderr, redactor, colorLevelFor(proc.stderr, env, opts.color));
  const ci = envFlag(env.CI);
  const stderrTTY = Boolean(proc.stderr.isTTY);
  return {
    stdout: makeOutput(proc.stdout, redactor, colorLevelFor(proc.stdout, env, opts.color)),
    stderr,
    stdin: proc.stdin,
    interactive:
      Boolean(proc.stdin.isTTY) &&
      stderrTTY &&
      !ci &&
      opts.input !== false &&
      !envFlag(env.QWH_NO_INPUT),
    progress: stderrTTY && !ci && opts.progress !== false,
    quiet: opts.progress === false,
    ci,
    env,
    cwd: proc.cwd(),
    version,
    redactor,
    clock: () => performance.now(),
    signal,
    onInterrupt,
  };
}
