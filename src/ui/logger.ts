import type { Logger, RuntimeContext } from '../contracts/index.js';
import { colorsFor } from './colors.js';

// Warnings said in this run, per stderr: a file read twice (resume reads it again under the
// lock) or by two steps warns once.
const warned = new WeakMap<object, Set<string>>();

/** The stderr logger of a run; each warning once per run; debug lines only with QWH_DEBUG=1. */
export function createLogger(ctx: Pick<RuntimeContext, 'stderr' | 'env'>): Logger {
  const c = colorsFor(ctx.stderr);
  const w = (s: string): void => ctx.stderr.write(`${s}\n`);
  let said = warned.get(ctx.stderr);
  if (!said) warned.set(ctx.stderr, (said = new Set()));
  const seen = said;
  const debug = ctx.env.QWH_DEBUG === '1';
  return {
    info: (m) => w(m),
    success: (m) => w(`${c.green('✔')} ${m}`),
    warn: (m) => {
      if (seen.has(m)) return;
      seen.add(m);
      w(`${c.yellow('warning:')} ${m}`);
    },
    error: (m) => w(`${c.red('error:')} ${m}`),
    hint: (m) => w(`${c.dim('hint:')} ${m}`),
    debug: (m) => {
      if (debug) w(c.dim(`debug: ${m}`));
    },
  };
}

/** A logger that drops everything (library use, tests). */
export const silentLogger: Logger = {
  info: () => {},
  success: () => {},
  warn: () => {},
  error: () => {},
  hint: () => {},
  debug: () => {},
};
