import type { RuntimeContext } from '../../contracts/index.js';
import type { OutputFormat } from '../../core/control-text.js';
import type { EndpointReport } from '../../core/endpoint/report.js';
import { colorsFor } from '../colors.js';
import { renderEndpointGithub } from './endpoint-github.js';
import { renderEndpointHuman } from './endpoint-human.js';
import { renderEndpointJson } from './endpoint-json.js';
import { renderEndpointJunit } from './endpoint-junit.js';

/** test-endpoint's reporters (knip's reporter map): a reporter is a function of the report. */
export const TEST_ENDPOINT_REPORTERS = {
  json: renderEndpointJson,
  junit: renderEndpointJunit,
  github: renderEndpointGithub,
} as const;

export type EndpointReporter = 'human' | keyof typeof TEST_ENDPOINT_REPORTERS;

/**
 * What a run prints and what `--out` receives. With `--out` the file gets the reporter's
 * document and stdout the human table; `github` prints the table, then its workflow commands —
 * on stdout always, where GitHub reads them; with `--out` the file gets the JSON report.
 */
export function endpointOutputs(
  ctx: Pick<RuntimeContext, 'stdout'>,
  report: EndpointReport,
  reporter: EndpointReporter,
  toFile: boolean,
): { stdout: string; file?: string; format: OutputFormat } {
  const human = (): string => renderEndpointHuman(report, colorsFor(ctx.stdout));
  const format = reporter === 'junit' ? 'xml' : reporter === 'human' ? 'text' : 'json';
  if (reporter === 'human') return { stdout: human(), format };
  const doc = TEST_ENDPOINT_REPORTERS[reporter](report);
  if (toFile && reporter === 'github')
    return { stdout: human() + doc, file: TEST_ENDPOINT_REPORTERS.json(report), format };
  if (toFile) return { stdout: human(), file: doc, format };
  return { stdout: reporter === 'github' ? human() + doc : doc, format };
}
