import type { ChalkInstance } from 'chalk';
import type { AccountWarning } from '../../core/account/semantics.js';
import type { AccountSummary } from '../../core/account/summary.js';
import { formatPath } from '../../core/path.js';
import { MESSAGES } from '../../messages/index.js';
import { renderTable } from '../table.js';
import { versioned } from './json-document.js';

/** A problem of an invalid account file, as `--json` lists it. */
export interface CheckProblem {
  path: ReadonlyArray<string | number>;
  message: string;
  line?: number;
  column?: number;
}

/** check's `--json` document for a valid file: what it holds, and its warnings. */
export function renderCheckJson(
  file: string,
  s: AccountSummary,
  warnings: readonly AccountWarning[],
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify(versioned({ file, valid: true, ...s, warnings, ...extra }), null, 2) + '\n';
}

/** check's `--json` document for an invalid file: every problem (the human lines go to stderr). */
export function renderCheckInvalidJson(file: string, problems: readonly CheckProblem[]): string {
  return JSON.stringify(versioned({ file, valid: false, problems }), null, 2) + '\n';
}

/** check's reporters for a valid file. */
export const CHECK_REPORTERS = {
  human: renderCheckHuman,
  json: (file: string, s: AccountSummary, w: readonly AccountWarning[], _c: ChalkInstance) =>
    renderCheckJson(file, s, w),
} as const;

/** The human report of `qwh check`: what the file holds, grouped. */
export function renderCheckHuman(
  file: string,
  s: AccountSummary,
  warnings: readonly AccountWarning[],
  c: ChalkInstance,
): string {
  const out: string[] = [];
  out.push(c.bold(`${s.account.name} (account ${s.account.id})`) + c.dim(` — ${file}`), '');
  out.push(c.bold(`Webhooks (${s.counts.webhooksV1} × 1.0, ${s.counts.webhooksV2} × 2.0)`));
  if (s.webhooks.length === 0) out.push(`  ${MESSAGES.check.noWebhooks}`);
  else {
    out.push(
      renderTable(
        s.webhooks.map((w) => [
          w.scopeLabel,
          `${w.version}.0`,
          w.key,
          w.enabled ? c.green('enabled') : c.dim('disabled'),
          w.url,
          [
            w.name ? `"${w.name}"` : '',
            w.authHeader ? `auth ${w.authHeader.name} (${w.authHeader.value})` : '',
            w.secret ? `secret (${w.secret})` : '',
            w.incompleteParticipations ? 'incomplete participations' : '',
          ]
            .filter(Boolean)
            .join(', '),
        ]),
        { header: ['scope', 'ver', 'key', 'state', 'url / host', 'settings'].map((h) => c.dim(h)) },
      ),
    );
  }
  out.push('', c.bold(`Push rules (${s.counts.rules})`));
  if (s.rules.length === 0) out.push(`  ${MESSAGES.check.noRules}`);
  else {
    out.push(
      renderTable(
        s.rules.map((r) => [
          r.level,
          r.targetLabel,
          r.campaignMode ?? '',
          r.destination === null
            ? c.yellow(MESSAGES.check.exclusion)
            : r.destinationKind === 'other-integration'
              ? `${r.destination} ${c.dim(`— ${MESSAGES.check.otherIntegration}`)}`
              : `${r.destination} ${c.dim(`(webhook ${r.destinationKind === 'webhook-v1' ? '1.0' : '2.0'})`)}`,
        ]),
        { header: ['level', 'target', 'mode', 'destination'].map((h) => c.dim(h)) },
      ),
    );
  }
  if (warnings.length > 0) {
    out.push('', c.bold('Warnings'));
    for (const w of warnings) out.push(`  ${c.yellow('!')} ${formatPath(w.path)}: ${w.message}`);
  }
  out.push(
    '',
    `${c.green('✔')} ${MESSAGES.check.valid(file)}`,
    c.dim(MESSAGES.check.nextStep(file)),
  );
  return out.join('\n') + '\n';
}
