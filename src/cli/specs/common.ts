import type { CommandModule } from '../../contracts/index.js';
import type { Command } from 'commander';
import { Option } from 'commander';

/** Runs a lazily imported command; supplied by main so specs stay free of side effects. */
export type Runner = (load: () => Promise<CommandModule>, cmd: Command) => Promise<void>;

/** Options every command takes: colour, progress, config file. */
export function withCommon(cmd: Command): Command {
  return cmd
    .option('--no-color', 'no colour (also: NO_COLOR=1)')
    .option('--no-progress', 'no spinners or progress lines')
    .addOption(
      new Option(
        '--config <file>',
        'qwh config file (default: qwh.config.*, .qwhrc*, package.json#qwh)',
      ),
    );
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
