import type { Logger, RuntimeContext } from '../contracts/index.js';
import { colorsFor } from './colors.js';

/** The stderr logger of a run; debug lines only with QWH_DEBUG=1. */
export function createLogger(ctx: Pick<RuntimeContext, 'stderr' | 'env'>): Logger {
  const c = colorsFor(ctx.stderr);
  const w = (s: string): void => ctx.stderr.write(`${s}\n`);
  const debug = ctx.env.QWH_DEBUG === '1';
  return {
    info: (m) => w(m),
    success: (m) => w(`${c.green('✔')} ${m}`),
    warn: (m) => w(`${c.yellow('warning:')} ${m}`),
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
