import { appendFile } from 'node:fs/promises';
import type { Logger, RuntimeContext } from '../contracts/index.js';
import { safeForFormat } from '../core/control-text.js';
import { MESSAGES } from '../messages/index.js';
import { errnoOf } from './errno.js';

/**
 * Appends a Markdown job summary to `$GITHUB_STEP_SUMMARY` when GitHub Actions set it (other
 * steps write there too: append, never replace). Masked like every other output, and Markdown
 * text like the runbook: control characters of untrusted names shown as `\uXXXX`. A summary that
 * cannot be written is a warning: the report and the exit code are what CI gates on.
 */
export async function appendStepSummary(
  ctx: Pick<RuntimeContext, 'env' | 'redactor'>,
  log: Pick<Logger, 'warn'>,
  markdown: string,
): Promise<void> {
  const file = ctx.env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  try {
    await appendFile(file, safeForFormat(ctx.redactor.redact(markdown), 'text'), {
      encoding: 'utf8',
    });
  } catch (e) {
    log.warn(MESSAGES.summary.summaryUnwritable(file, errnoOf(e) ?? 'write failed'));
  }
}
