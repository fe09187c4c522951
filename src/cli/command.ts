import type { RuntimeContext } from './context.js';

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
