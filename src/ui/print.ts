import type { RuntimeContext } from '../contracts/index.js';

/** Writes a command's result to stdout (masked by the context); the one way commands print results. */
export function printResult(ctx: Pick<RuntimeContext, 'stdout'>, text: string): void {
  if (text) ctx.stdout.write(text);
}
