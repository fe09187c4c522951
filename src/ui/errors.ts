import type { RuntimeContext } from '../contracts/index.js';
import type { UserError } from '../core/errors.js';
import { colorsFor } from './colors.js';
import { MESSAGES } from '../messages/index.js';

/** Prints a user error: one line per problem and a hint; never a stack trace. */
export function printUserError(ctx: Pick<RuntimeContext, 'stderr'>, e: UserError): void {
  const c = colorsFor(ctx.stderr);
  ctx.stderr.write(`${c.red('error:')} ${e.message}\n`);
  for (const d of e.details) ctx.stderr.write(`${c.red('error:')} ${d}\n`);
  if (e.hint) ctx.stderr.write(`${c.dim('hint:')} ${e.hint}\n`);
}

/** Prints a bug: the stack (masked like every output) and how to report it. */
export function printBug(ctx: Pick<RuntimeContext, 'stderr' | 'version'>, e: unknown): void {
  const c = colorsFor(ctx.stderr);
  const trace = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
  ctx.stderr.write(
    `${c.red(MESSAGES.cli.bugHeader)}\n${trace}\nqwh ${ctx.version}, node ${process.version}, ${process.platform}\n${MESSAGES.cli.bugReport}\n`,
  );
}
