import type { Argument, Command, Option } from 'commander';
import type { CompletionCommand, CompletionOption, ValueKind } from './model.js';

/**
 * How a value completes, from what the spec already says: declared choices; a value named like a
 * file (`<file>`, `<path>`, `<dir>`); an account file when the option or argument is about the
 * account (`--account <file>`, `[account-file]`). Anything else is free text.
 */
export function valueKindFor(
  subject: string,
  valueName: string,
  choices: readonly string[] | undefined,
): ValueKind {
  if (choices && choices.length) return { type: 'choices', values: [...choices] };
  const v = valueName.toLowerCase();
  const s = subject.toLowerCase();
  if (/\bdir(ectory)?\b|folder/.test(v)) return { type: 'dir' };
  if (/file|path/.test(v))
    return /account/.test(s) || /account/.test(v) ? { type: 'account-file' } : { type: 'file' };
  return { type: 'text' };
}

function optionModel(o: Option): CompletionOption {
  const takesValue = o.required || o.optional;
  const valueName = /[<[]([^>\]]+)[>\]]/.exec(o.flags)?.[1] ?? '';
  return {
    ...(o.short ? { short: o.short } : {}),
    ...(o.long ? { long: o.long } : {}),
    description: o.description,
    ...(takesValue
      ? { value: valueKindFor(o.long ?? o.short ?? '', valueName, o.argChoices) }
      : {}),
  };
}

function argModel(a: Argument): ValueKind {
  return valueKindFor(a.name(), a.name(), a.argChoices);
}

/** The completion model of a commander command tree: visible commands, options (help too), arguments. */
export function completionModel(cmd: Command): CompletionCommand {
  const help = cmd.createHelp();
  return {
    name: cmd.name(),
    description: cmd.description(),
    options: help.visibleOptions(cmd).map(optionModel),
    commands: help.visibleCommands(cmd).map((c) => {
      const m = completionModel(c);
      // commander's implicit `help [command]`: its argument is one of the sibling commands.
      if (c.name() === 'help' && m.args.length === 1) {
        const names = cmd.commands.map((s) => s.name()).filter((n) => n !== 'help');
        m.args = [{ type: 'choices', values: names }];
      }
      return m;
    }),
    args: cmd.registeredArguments.map(argModel),
  };
}
