import type { CommandModule } from '../../contracts/index.js';
import type { Command } from 'commander';
import { COMMON_OPTIONS } from '../../core/options/common.js';
import { addOptions } from '../options.js';

/** Runs a lazily imported command; supplied by main so specs stay free of side effects. */
export type Runner = (load: () => Promise<CommandModule>, cmd: Command) => Promise<void>;

/** Options every command takes: colour, progress, config file. */
export function withCommon(cmd: Command): Command {
  return addOptions(cmd, COMMON_OPTIONS);
}

/** Parses a whole number flag, or leaves the raw string for the command to reject with a clear message. */
export function intArg(v: string): number | string {
  return /^-?\d+$/.test(v) ? Number(v) : v;
}

/** Formats an examples block for --help. */
export function examples(lines: ReadonlyArray<readonly [string, string]>): string {
  const w = Math.max(...lines.map(([c]) => c.length));
  return `\nExamples:\n${lines.map(([c, d]) => `  $ ${c.padEnd(w)}  # ${d}`).join('\n')}\n`;
}
