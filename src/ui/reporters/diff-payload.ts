import type { ChalkInstance } from 'chalk';
import type { RuntimeContext } from '../../contracts/index.js';
import type { DiffReport, DiffSample } from '../../core/diff/session.js';
import { colorsFor } from '../colors.js';
import { renderDiffHuman } from './diff.js';
import { renderDiffMarkdown } from './diff-markdown.js';
import { renderDiffGithub, renderDiffJunit } from './diff-ci.js';

/** What a diff-payload reporter is given: the report, its masked sample, the colours of stdout. */
type DiffReporter = (
  report: DiffReport,
  sample: DiffSample,
  c: ChalkInstance,
  seconds?: number,
) => string;

/** diff-payload's reporters (knip's reporter map); `table` on the command line is `human`. */
export const DIFF_REPORTERS = {
  human: (report, _sample, c) => renderDiffHuman(report, c),
  json: (report) => JSON.stringify(report, null, 2) + '\n',
  markdown: (report, sample) => renderDiffMarkdown(report, sample),
  junit: (report, _sample, _c, seconds) => renderDiffJunit(report, seconds),
  // The human table first (the log stays readable), then the workflow commands.
  github: (report, _sample, c) => renderDiffHuman(report, c) + renderDiffGithub(report),
} as const satisfies Record<string, DiffReporter>;

export type DiffReporterName = keyof typeof DIFF_REPORTERS;

/** The document diff-payload prints on stdout for `reporter`. */
export function diffOutput(
  ctx: Pick<RuntimeContext, 'stdout'>,
  result: { report: DiffReport; sample: DiffSample },
  reporter: DiffReporterName,
  seconds?: number,
): string {
  return DIFF_REPORTERS[reporter](result.report, result.sample, colorsFor(ctx.stdout), seconds);
}
