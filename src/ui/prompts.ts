import type { Prompter, RuntimeContext } from '../contracts/index.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { MESSAGES } from '../messages/index.js';
import { neutralizeControls as shown } from './terminal-text.js';

const shownVerdict = (r: true | string): true | string => (r === true ? r : shown(r));

/** Choices as shown: name and description neutralised, the value (what is returned) exact. */
function shownChoices<C extends { name: string; description?: string }>(
  choices: readonly C[],
): C[] {
  return choices.map((c) => ({
    ...c,
    name: shown(c.name),
    ...(c.description !== undefined ? { description: shown(c.description) } : {}),
  }));
}

function refuse(flag: string, exitCode: number = ExitCode.USAGE): never {
  throw new UserError(MESSAGES.cli.needsTty(flag), exitCode as 2, MESSAGES.cli.needsTtyHint(flag));
}

/**
 * Inquirer prompts on a TTY (confirm defaults to No); without one, a UserError naming the flag.
 * Inquirer writes to the terminal itself, past the stdout/stderr sink, so every text a prompt
 * shows (message, choice names and descriptions, a default, a validation message, the final
 * answer) is neutralised here, once: file names and keys from an account file must not drive the
 * terminal. Choice values and the answer returned stay exact.
 */
export function createPrompter(ctx: RuntimeContext): Prompter {
  const opts = { output: process.stderr, input: ctx.stdin, signal: ctx.signal } as const;
  const wrap = async <T>(p: Promise<T>): Promise<T> => {
    try {
      return await p;
    } catch (e) {
      // Ctrl-C inside a prompt: inquirer rejects with ExitPromptError / AbortPromptError.
      if (e instanceof Error && (e.name === 'ExitPromptError' || e.name === 'AbortPromptError')) {
        throw new UserError(MESSAGES.cli.interrupted, ExitCode.INTERRUPTED);
      }
      throw e;
    }
  };
  return {
    interactive: ctx.interactive,
    async confirm(message, flag, exitCode = ExitCode.REFUSED, defaultValue = false) {
      if (!ctx.interactive) refuse(flag, exitCode);
      const { confirm } = await import('@inquirer/prompts');
      return wrap(confirm({ message: shown(message), default: defaultValue }, opts));
    },
    async input(message, flag, validate, defaultValue, extra) {
      if (!ctx.interactive) refuse(flag);
      const { input } = await import('@inquirer/prompts');
      const maskFinal = extra?.maskFinal;
      return wrap(
        input(
          {
            message: shown(message),
            ...(validate ? { validate: (v: string) => shownVerdict(validate(v)) } : {}),
            ...(defaultValue !== undefined ? { default: shown(defaultValue) } : {}),
            ...(maskFinal
              ? {
                  transformer: (v: string, { isFinal }: { isFinal: boolean }) =>
                    shown(isFinal ? maskFinal(v) : v),
                }
              : {}),
          },
          opts,
        ),
      );
    },
    async select(message, flag, choices, defaultValue) {
      if (!ctx.interactive) refuse(flag);
      const { select } = await import('@inquirer/prompts');
      return wrap(
        select(
          {
            message: shown(message),
            choices: shownChoices(choices),
            ...(defaultValue !== undefined ? { default: defaultValue } : {}),
          },
          opts,
        ),
      );
    },
    async checkbox(message, flag, choices) {
      if (!ctx.interactive) refuse(flag);
      const { checkbox } = await import('@inquirer/prompts');
      return wrap(checkbox({ message: shown(message), choices: shownChoices(choices) }, opts));
    },
  };
}
