import type { DiffReport } from '../../core/diff/session.js';
import type { EndpointReport } from '../../core/endpoint/report.js';
import type { Plan } from '../../core/migrate/types.js';
import { MESSAGES } from '../../messages/index.js';
import { endpointVerdictText } from './endpoint-human.js';

// GitHub job summaries (Markdown appended to $GITHUB_STEP_SUMMARY): what a reviewer reads on the
// run's page without opening the log. Pure renderers; src/adapters/step-summary.ts appends them.

const S = MESSAGES.summary;

/** A Markdown table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** test-endpoint: the verdict, a table of every check, then the failed checks with their reasons. */
export function renderEndpointSummary(r: EndpointReport): string {
  const verdict = endpointVerdictText(r);
  const c = r.counts;
  const out = [S.endpointTitle(r.url), '', S.verdictLine(verdict, c.pass, c.fail, c.warn, c.skip)];
  out.push('', S.checkHeader, '|---|---|---|');
  for (const k of r.checks) out.push(`| \`${k.id}\` | ${k.status} | ${cell(k.reason)} |`);
  const failed = r.checks.filter((k) => k.status === 'fail');
  if (failed.length > 0) {
    out.push('', S.failedTitle, '');
    for (const k of failed) out.push(`- \`${k.id}\`: ${cell(k.reason)}`);
  }
  return out.join('\n') + '\n\n';
}

/** diff-payload: the counts, whether --fail-on is met, and every breaking row. */
export function renderDiffSummary(r: DiffReport): string {
  const s = r.summary;
  const out = [S.diffTitle, '', S.diffLine(s.fields, s.breaking, s.moved, s.added)];
  if (r.failed) out.push('', S.diffFailed(r.failOn));
  const breaking = r.fields.filter((f) => f.breaking);
  if (breaking.length === 0) out.push('', S.noBreaking);
  else {
    out.push('', S.diffHeader, '|---|---|---|');
    for (const f of breaking)
      out.push(
        `| \`${cell(f.v1Path)}\` | ${f.v2Path ? `\`${cell(f.v2Path)}\`` : '—'} | ${f.class} |`,
      );
  }
  return out.join('\n') + '\n\n';
}

/** migrate --dry-run: the plan in one line, its blockers, and the routing verdict. */
export function renderPlanSummary(plan: Plan): string {
  const out = [
    S.planTitle(plan.file),
    '',
    S.planLine(plan.changes, plan.counts.webhooks, plan.counts.ruleTwins),
  ];
  const blockers = plan.needsHuman.filter((n) => n.severity === 'blocker');
  if (blockers.length === 0) out.push('', S.noBlockers);
  else {
    out.push('', S.blockersTitle(blockers.length), '');
    for (const b of blockers)
      out.push(`- \`${cell(b.webhook)}\` ${cell(b.message)} — ${cell(b.action)}`);
  }
  const routing = plan.needsHuman.filter((n) => n.code === 'routing-not-preserved').length;
  out.push('', routing === 0 ? S.routingPreserved : S.routingNotPreserved(routing));
  return out.join('\n') + '\n\n';
}
