import type { ChalkInstance } from 'chalk';
import type { StatusRow } from '../../core/migrate/stage-view.js';
import type { RunbookStep } from '../../core/migrate/runbook.js';
import type { EventOutcome, ObserveEvidence } from '../../core/migrate/stages.js';
import type { ObserveTally } from '../../core/migrate/captures.js';
import { RECONCILE_WINDOW_MINUTES } from '../../core/assumptions.js';
import { MESSAGES } from '../../messages/index.js';
import { renderTable } from '../table.js';
import { oneLine } from '../terminal-text.js';
import { versioned } from './json-document.js';

const C = MESSAGES.migrate.cutover;
/** A lost participation: id and labels come from the captures, so each is kept to one line. */
const lost = (l: { id: string; campaign: string; website: string }): string =>
  C.lostItem(oneLine(l.id), oneLine(l.campaign), oneLine(l.website));
const jsonText = (doc: object): string => JSON.stringify(versioned(doc), null, 2) + '\n';

/** `qwh migrate status`: one row per webhook, its stage, evidence and the one next command. */
export interface StatusView {
  file: string;
  rows: StatusRow[];
}

export interface ConfirmView {
  file: string;
  step: string;
  outcomes: EventOutcome[];
  fileChange?: { run: string; backup: string; v1Keys: string[]; rules: number };
  next: string[];
}

export interface ObserveView {
  file: string;
  webhooks: Array<{
    v1Key: string;
    v2Key: string;
    evidence: ObserveEvidence;
    outcome: EventOutcome;
    since: string;
  }>;
  tally: ObserveTally & { bad: number };
  problems: string[];
  next: string[];
}

export interface StageRunbookView {
  file: string;
  account: string;
  webhooks: Array<{ v1Key: string; stage: string; steps: RunbookStep[] }>;
}

/** The stage runbook as a Markdown checklist: every item `- [ ]`. */
export function renderStageRunbookMarkdown(v: StageRunbookView): string {
  const out = [
    `# ${MESSAGES.migrate.runbook.header(v.account)}`,
    '',
    MESSAGES.migrate.runbook.intro,
    '',
  ];
  for (const w of v.webhooks) {
    out.push(`## ${C.rbTitle(w.v1Key, w.stage)}`, '');
    for (const s of w.steps) {
      if (s.title !== C.rbTitle(w.v1Key, w.stage)) out.push(`### ${s.title}`, '');
      if (s.where) out.push(`Where: **${s.where}**`, '');
      for (const it of s.items)
        out.push(`- [ ] ${it.value ? `${it.label}: ${it.value}` : it.label}`);
      if (s.note) out.push('', `> ${s.note}`);
      out.push('');
    }
  }
  return out.join('\n');
}

function statusHuman(v: StatusView, c: ChalkInstance): string {
  const out = [c.bold(C.statusTitle(v.file))];
  out.push(
    renderTable(
      [
        ['webhook', 'stage', 'since', 'evidence'].map((h) => c.dim(h)),
        ...v.rows.map((r) => [
          `${r.v1Key} → ${r.v2Key}`,
          c.bold(r.stage),
          `${r.since} (${r.by})`,
          r.evidence,
        ]),
      ],
      { indent: '  ' },
    ),
  );
  for (const r of v.rows) {
    if (r.acceptedGap)
      out.push(
        `  ${c.yellow('!')} ${r.v1Key}: ${C.gapAccepted(r.acceptedGap.reason, r.acceptedGap.by, r.acceptedGap.at)}`,
      );
    for (const l of r.lost) out.push(`  ${c.red('✖')} ${r.v1Key}: ${lost(l)}`);
  }
  out.push(c.bold(MESSAGES.migrate.next), ...v.rows.map((r) => `  ${r.v1Key}: ${c.cyan(r.next)}`));
  return out.join('\n') + '\n';
}

function confirmHuman(v: ConfirmView, c: ChalkInstance): string {
  const out = v.outcomes.map((o) =>
    'moved' in o && o.moved.length > 0
      ? `${c.green('✔')} ${C.confirmed(v.step, o.v1Key, o.moved)}`
      : `${c.dim('·')} ${C.already(v.step, o.v1Key)}`,
  );
  const f = v.fileChange;
  if (f)
    out.push(
      `${c.green('✔')} ${C.fileMarked(v.file, v.step === 'v1-off' ? C.markedOff(f.v1Keys) : C.removedV1(f.v1Keys, f.rules))}`,
      MESSAGES.migrate.backupAt(f.backup),
    );
  if (v.next.length > 0)
    out.push(c.bold(MESSAGES.migrate.next), ...v.next.map((n) => `  ${c.cyan(n)}`));
  return out.join('\n') + '\n';
}

function observeHuman(v: ObserveView, c: ChalkInstance): string {
  const out = [c.bold(C.observeTitle(v.file)), `  ${C.observeTally(v.tally)}`];
  for (const p of v.problems.slice(0, 5)) out.push(`  ${c.yellow('!')} ${p}`);
  for (const w of v.webhooks) {
    const e = w.evidence;
    out.push('', c.bold(`${w.v1Key} → ${w.v2Key}: ${w.outcome.stage}`));
    out.push(
      `  ${C.evidence({ verified: e.verified, lost: e.lost.length, paired: e.paired, v2Only: e.v2Only.length, window: Math.floor(e.windowMinutes), ...(e.lastRealDelivery ? { last: e.lastRealDelivery } : {}) })}`,
    );
    if (e.verifiedWithPrevious)
      out.push(`  ${c.yellow('!')} ${C.verifiedWithPrevious(e.verifiedWithPrevious)}`);
    if (e.badSignature > 0) out.push(`  ${c.red('✖')} ${C.badSignature(e.badSignature)}`);
    if (e.delayMs) out.push(`  ${C.delay(e.delayMs.median, e.delayMs.max)}`);
    if (e.windowMinutes < RECONCILE_WINDOW_MINUTES)
      out.push(
        `  ${c.yellow('!')} ${C.windowShort(Math.floor(e.windowMinutes), RECONCILE_WINDOW_MINUTES)}`,
      );
    if (e.lost.length > 0) {
      out.push(`  ${c.red(C.lostTitle(e.lost.length))}`);
      for (const l of e.lost) out.push(`    ${lost(l)}`);
    }
    for (const o of e.v2Only.slice(0, 10))
      out.push(`  ${c.dim('·')} ${oneLine(o.id)}: ${C.v2OnlyWhy[o.why]}`);
  }
  if (v.next.length > 0)
    out.push('', c.bold(MESSAGES.migrate.next), ...v.next.map((n) => `  ${c.cyan(n)}`));
  return out.join('\n') + '\n';
}

/** The reporters of status, confirm, observe and runbook (a reporter map): `--json` picks `json`. */
export const MIGRATE_CUTOVER_REPORTERS = {
  human: {
    status: statusHuman,
    confirm: confirmHuman,
    observe: observeHuman,
    runbook: (v: StageRunbookView) => renderStageRunbookMarkdown(v),
  },
  json: {
    status: (v: StatusView) => jsonText({ file: v.file, webhooks: v.rows }),
    confirm: (v: ConfirmView) =>
      jsonText({
        file: v.file,
        step: v.step,
        outcomes: v.outcomes,
        fileChange: v.fileChange ?? null,
        next: v.next,
      }),
    observe: (v: ObserveView) =>
      jsonText({
        file: v.file,
        tally: v.tally,
        problems: v.problems,
        webhooks: v.webhooks,
        next: v.next,
      }),
    runbook: (v: StageRunbookView) => jsonText(v),
  },
} as const;
