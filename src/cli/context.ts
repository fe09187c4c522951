import type { Output, RuntimeContext } from '../contracts/index.js';
import { Redactor } from '../core/redact.js';

export interface ContextOptions {
  color?: boolean | undefined;
  progress?: boolean | undefined;
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
      stream.write(redactor.redact(text));
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
  const redactor = new Redactor();
  const ci = envFlag(env.CI);
  const stderrTTY = Boolean(proc.stderr.isTTY);
  return {
    stdout: makeOutput(proc.stdout, redactor, colorLevelFor(proc.stdout, env, opts.color)),
    stderr: makeOutput(proc.stderr, redactor, colorLevelFor(proc.stderr, env, opts.color)),
    stdin: proc.stdin,
    interactive: Boolean(proc.stdin.isTTY) && stderrTTY && !ci,
    progress: stderrTTY && !ci && opts.progress !== false,
    quiet: opts.progress === false,
    ci,
    env,
    cwd: proc.cwd(),
    version,
    redactor,
    signal,
    onInterrupt,
  };
}
