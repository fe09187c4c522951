import type { RuntimeContext, Spinner } from '../contracts/index.js';
import { createLogger } from './logger.js';
import { neutralizeControls } from './terminal-text.js';

/** Starts a spinner on stderr; ora is loaded only when a spinner will really spin. */
export async function startSpinner(ctx: RuntimeContext, text: string): Promise<Spinner> {
  const log = createLogger(ctx);
  if (!ctx.progress) {
    if (!ctx.quiet) log.info(`… ${text}`);
    return {
      update: () => {},
      succeed: (t) => log.success(t),
      fail: (t) => log.error(t),
      stop: () => {},
    };
  }
  const { default: ora } = await import('ora');
  const spinner = ora({
    text: shown(ctx, text),
    stream: process.stderr,
    discardStdin: false,
  }).start();
  return {
    update: (t) => {
      spinner.text = shown(ctx, t);
    },
    succeed: (t) => {
      spinner.succeed(shown(ctx, t));
    },
    fail: (t) => {
      spinner.fail(shown(ctx, t));
    },
    stop: () => {
      spinner.stop();
    },
  };
}

/** Spinner text as any output: secrets scanned, control characters neutralised. */
function shown(ctx: RuntimeContext, text: string): string {
  return neutralizeControls(ctx.redactor.redact(text), ctx.stderr.colorLevel > 0);
}
