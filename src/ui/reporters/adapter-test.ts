import type { ChalkInstance } from 'chalk';
import type { RuntimeContext } from '../../contracts/index.js';
import type { ParityReport } from '../../core/adapter/parity.js';
import { MESSAGES } from '../../messages/index.js';
import { colorsFor } from '../colors.js';

const A = MESSAGES.adapter;

function renderHuman(r: ParityReport, c: ChalkInstance): string {
  const head = `${r.adapter.file} (${r.adapter.language}) on ${r.inputs.v1.source} ↔ ${r.inputs.v2.source}: `;
  if (r.ok) return `${head}${c.green(A.parityOk(r.pairs))}\n`;
  const lines = [`${head}${c.red(A.parityFailed(r.identical, r.pairs, r.fields.length))}`];
  for (const f of r.fields) {
    lines.push(`  ${c.bold(A.fieldDiffers(f.key, f.pairs, r.pairs))}`);
    for (const e of f.examples) lines.push(`    ${A.example(e.v1, e.v2, e.expected, e.got)}`);
  }
  lines.push(`hint: ${A.failedHint}`);
  return lines.join('\n') + '\n';
}

/** adapter test's reporters: the human summary, or the report as one JSON document. */
export const ADAPTER_TEST_REPORTERS = {
  human: renderHuman,
  json: (r: ParityReport) => JSON.stringify(r, null, 2) + '\n',
} as const satisfies Record<string, (r: ParityReport, c: ChalkInstance) => string>;

/** The document adapter test prints on stdout. */
export function adapterTestOutput(
  ctx: Pick<RuntimeContext, 'stdout'>,
  report: ParityReport,
  reporter: keyof typeof ADAPTER_TEST_REPORTERS,
): string {
  return ADAPTER_TEST_REPORTERS[reporter](report, colorsFor(ctx.stdout));
}
