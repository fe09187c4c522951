import type { Output } from '../contracts/index.js';
import { Chalk, type ChalkInstance } from 'chalk';

/** A chalk instance that colours exactly when this output should (NO_COLOR, FORCE_COLOR, TTY). */
export function colorsFor(out: Output): ChalkInstance {
  return new Chalk({ level: out.colorLevel });
}
