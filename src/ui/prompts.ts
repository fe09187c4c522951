import type { RuntimeContext } from '../cli/context.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { MESSAGES } from './messages.js';

/** Prompts that only fill gaps: each names the flag that would have answered it. */
export interface Prompter {
  readonly interactive: boolean;
  confirm(message: string, flag: string, exitCode?: number): Promise<boolean>;
  input(
    message: string,
    flag: string,
    validate?: (v: string) => true | string,
    defaultValue?: string,
  ): Promise<string>;
  select<T extends string>(
    message: string,
    flag: string,
    choices: ReadonlyArray<{ name: string; value: T; description?: string }>,
  ): Promise<T>;
  checkbox<T extends string>(
    message: string,
    flag: string,
    choices: ReadonlyArray<{ name: string; value: T; checked?: boolean }>,
  ): Promise<T[]>;
}

function refuse(flag: string, exitCode: number = ExitCode.USAGE): never {
  throw new UserError(MESSAGES.cli.needsTty(flag), exitCode as 2, MESSAGES.cli.needsTtyHint(flag));
}

/** Inquirer prompts on a TTY (confirm defaults to No); without one, a UserError naming the flag. */
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
    async confirm(message, flag, exitCode = ExitCode.REFUSED) {
      if (!ctx.interactive) refuse(flag, exitCode);
      const { confirm } = await import('@inquirer/prompts');
      return wrap(confirm({ message, default: false }, opts));
    },
    async input(message, flag, validate, defaultValue) {
      if (!ctx.interactive) refuse(flag);
      const { input } = await import('@inquirer/prompts');
      return wrap(
        input(
          {
            message,
            ...(validate ? { validate } : {}),
            ...(defaultValue !== undefined ? { default: defaultValue } : {}),
          },
          opts,
        ),
      );
    },
    async select(message, flag, choices) {
      if (!ctx.interactive) refuse(flag);
      const { select } = await import('@inquirer/prompts');
      return wrap(select({ message, choices: [...choices] }, opts));
    },
    async checkbox(message, flag, choices) {
      if (!ctx.interactive) refuse(flag);
      const { checkbox } = await import('@inquirer/prompts');
      return wrap(checkbox({ message, choices: [...choices] }, opts));
    },
  };
}
