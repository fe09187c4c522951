import type { CommandHandler } from '../../contracts/index.js';
import { completionModel } from './from-program.js';
import { buildProgram } from '../program.js';
import { UserError } from '../../core/errors.js';
import { ExitCode } from '../../core/exit-codes.js';
import { renderBash } from './bash.js';
import { renderFish } from './fish.js';
import { renderZsh } from './zsh.js';
import { MESSAGES } from '../../messages/index.js';

const RENDERERS = { bash: renderBash, zsh: renderZsh, fish: renderFish } as const;

/**
 * `qwh completion <shell>`: prints the completion script, generated from the very program that
 * parses the command line, so every registered command and flag is in it.
 */
const completion: CommandHandler = async (ctx, [shell]) => {
  const render = RENDERERS[shell as keyof typeof RENDERERS];
  if (!render)
    throw new UserError(
      MESSAGES.completion.unknownShell(String(shell)),
      ExitCode.USAGE,
      MESSAGES.completion.unknownShellHint,
    );
  // A runner that is never called: the program is only read, never parsed.
  const program = buildProgram(ctx.version, async () => {});
  ctx.stdout.write(render(completionModel(program), ctx.version));
  return ExitCode.OK;
};
export default completion;
