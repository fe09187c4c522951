/** What a completion script needs to know about the CLI, taken from the commander program itself. */

/** How the value of an option or a positional argument completes. */
export type ValueKind =
  | { type: 'text' }
  | { type: 'choices'; values: readonly string[] }
  | { type: 'file' }
  | { type: 'dir' }
  | { type: 'account-file' };

export interface CompletionOption {
  /** `-h` */
  short?: string;
  /** `--help` */
  long?: string;
  description: string;
  /** How its value completes; undefined for a flag without a value. */
  value?: ValueKind;
}

export interface CompletionCommand {
  name: string;
  description: string;
  options: CompletionOption[];
  commands: CompletionCommand[];
  /** Positional arguments in order; a variadic last one repeats. */
  args: ValueKind[];
}

/** Account files are JSON or YAML (README "The account file"). */
export const ACCOUNT_FILE_EXTENSIONS = ['yaml', 'yml', 'json'] as const;

/** Every command of the tree with its path from the root (root first, path []). */
export function walkCommands(
  root: CompletionCommand,
): Array<{ path: string[]; cmd: CompletionCommand }> {
  const out: Array<{ path: string[]; cmd: CompletionCommand }> = [];
  const stack: Array<{ path: string[]; cmd: CompletionCommand }> = [{ path: [], cmd: root }];
  while (stack.length) {
    const item = stack.shift()!;
    out.push(item);
    for (const c of item.cmd.commands) stack.push({ path: [...item.path, c.name], cmd: c });
  }
  return out;
}

/** The first line of a description, trimmed for a completion menu. */
export function shortDescription(text: string, max = 90): string {
  const line = (text.split('\n')[0] ?? '').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
