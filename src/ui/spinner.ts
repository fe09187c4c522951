import type { RuntimeContext, Spinner } from '../contracts/index.js';
import { createLogger } from './logger.js';

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
    text: ctx.redactor.redact(text),
    stream: process.stderr,
    discardStdin: false,
  }).start();
  return {
    update: (t) => {
      spinner.text = ctx.redactor.redact(t);
    },
    succeed: (t) => {
      spinner.succeed(ctx.redactor.redact(t));
    },
    fail: (t) => {
      spinner.fail(ctx.redactor.redact(t));
    },
    stop: () => {
      spinner.stop();
    },
  };
}
