import { Chalk, type ChalkInstance } from 'chalk';
import type { Output } from '../cli/context.js';

/** A chalk instance that colours exactly when this output should (NO_COLOR, FORCE_COLOR, TTY). */
export function colorsFor(out: Output): ChalkInstance {
  return new Chalk({ level: out.colorLevel });
}
