import type { ChalkInstance } from 'chalk';
import type { SimulateResult } from '../../core/simulate/result.js';
import { MESSAGES } from '../../messages/index.js';
import { versioned } from './json-document.js';

const M = MESSAGES.simulate;

/** What simulate's reporters are given: the run's result and the file it simulated. */
export interface SimulateView extends SimulateResult {
  file: string;
}

function human(v: SimulateView, c: ChalkInstance): string {
  const lines = [c.bold(M.title(v.participations, v.file, v.seed))];
  for (const a of v.absent) lines.push(c.yellow(`  ! ${M.notInBackOffice(a.key, a.stage)}`));
  for (const m of v.missing) lines.push(c.yellow(`  ! ${M.missingRule(m)}`));
  if (v.webhooks.length === 0) lines.push(`  ${M.nothingDelivered}`);
  for (const t of v.webhooks) {
    const answers = Object.entries(t.answers)
      .map(([k, n]) => `${k}×${n}`)
      .join(', ');
    const line = v.dryRun
      ? M.wouldSend(t.key, t.version, t.url, t.sent)
      : M.line(t.key, t.version, t.url, t.sent, t.ok);
    lines.push(
      `  ${v.dryRun || t.ok === t.sent ? c.green('✔') : c.red('✖')} ${line}${answers ? ` (${answers})` : ''}`,
    );
  }
  lines.push(`  ${v.incomplete} incomplete, ${v.anonymous} anonymous; ${M.notPushed(v.notPushed)}`);
  if (v.dryRun) lines.push(`  ${M.dryRun}`);
  else if (v.failed + v.unreachable > 0)
    lines.push(c.red(`  ${M.failed(v.failed + v.unreachable)}`));
  else lines.push(`  ${M.next(v.file)}`);
  return lines.join('\n') + '\n';
}

/** simulate's reporters: the human summary and the `--json` document (counts only, no body). */
export const SIMULATE_REPORTERS = {
  human,
  json: (v: SimulateView): string => JSON.stringify(versioned(v), null, 2) + '\n',
} as const;
