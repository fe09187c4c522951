import type { ChalkInstance } from 'chalk';
import type { AccountFile } from '../../core/account/schema.js';
import { formatPath } from '../../core/path.js';
import type { Runbook, RunbookStep } from '../../core/migrate/runbook.js';
import type { KeptSecretFile, Plan, PlanUnit } from '../../core/migrate/types.js';
import type { PlanPreview } from '../../core/migrate/preview.js';
import type { ApplyResult, RollbackInfo, UnitResult } from '../../core/migrate/results.js';
import { MESSAGES } from '../../messages/index.js';
import { renderTable } from '../table.js';
import { routesTableLines } from './routes.js';
import type { RoutesView } from '../../core/routing/view.js';
import { versioned } from './json-document.js';

const M = MESSAGES.migrate;
const R = M.runbook;

function twinList(u: PlanUnit): string {
  return u.twins
    .map((t) =>
      t.rule.level === 'default'
        ? R.levels.default
        : `${R.levels[t.rule.level]} ${t.rule.target ?? ''}${t.rule.campaignMode ? ` (${t.rule.campaignMode})` : ''}`,
    )
    .join('; ');
}

function colourDiff(diff: string, c: ChalkInstance): string {
  return diff
    .split('\n')
    .map((l) =>
      l.startsWith('+++') || l.startsWith('---')
        ? c.bold(l)
        : l.startsWith('@@')
          ? c.cyan(l)
          : l.startsWith('+')
            ? c.green(l)
            : l.startsWith('-')
              ? c.red(l)
              : l,
    )
    .map((l) => (l ? `  ${l}` : l))
    .join('\n');
}

/** The plan as a human reads it: per webhook, the diff of the file, what needs a human, the runbook. */
export function renderPlanHuman(
  plan: Plan,
  preview: PlanPreview | undefined,
  runbook: Runbook,
  account: string,
  c: ChalkInstance,
  kept: readonly KeptSecretFile[] = [],
): string {
  const out: string[] = [c.bold(M.planTitle(plan.file, account)), ''];
  const keptBy = new Map(kept.map((k) => [k.file, k]));
  for (const u of plan.units) {
    out.push(c.bold(`  ${M.unitTitle(u.v1.key, u.v1.scopeLabel, u.v2Key, u.mode)}`));
    const rows: string[][] = [];
    if (u.create) {
      rows.push(['host', u.create.host]);
      const auth = u.create.authHeader;
      if (auth)
        rows.push([
          'auth header',
          'file' in auth.value
            ? auth.scheme === 'Basic'
              ? M.authBasic(auth.value.file)
              : M.authBearer(u.create.dropQueryParams[0] ?? '', auth.value.file)
            : auth.name,
        ]);
      rows.push([
        'secret',
        'file' in u.create.secret
          ? keptBy.has(u.create.secret.file)
            ? M.secretKept(u.create.secret.file, keptBy.get(u.create.secret.file)?.createdBy)
            : M.secretNew(u.create.secret.file)
          : M.secretFromEnv(u.create.secret.env),
      ]);
      rows.push(['incomplete', u.create.incompleteParticipations ? R.yes : `${R.no} (as 1.0)`]);
    }
    rows.push(['push rules', M.twins(u.twins.length, twinList(u))]);
    rows.push(['then', M.then(u.verify, u.disableV1)]);
    out.push(
      renderTable(
        rows.map(([k, v]) => [c.dim(k ?? ''), v ?? '']),
        { indent: '      ' },
      ),
    );
  }
  if (preview && (preview.writeDiff || preview.disableDiff)) {
    out.push('', c.bold(M.diffTitle(plan.changes)));
    if (preview.writeDiff) out.push(colourDiff(preview.writeDiff.trimEnd(), c));
    if (preview.disableDiff) out.push(colourDiff(preview.disableDiff.trimEnd(), c));
  }
  out.push(...renderNeedsHuman(plan, c));
  if (plan.skipped.length > 0) {
    out.push('', c.bold(M.skippedTitle));
    for (const s of plan.skipped) out.push(`  ${s.key}: ${M.skippedReason[s.reason]}`);
  }
  if (runbook.steps.length > 0) out.push('', renderRunbookText(runbook, c));
  return out.join('\n') + '\n';
}

/** The needs-a-human list: each item with its place in the file and a suggested action. */
export function renderNeedsHuman(plan: Plan, c: ChalkInstance): string[] {
  if (plan.needsHuman.length === 0) return [];
  const out = ['', c.bold(M.needsHumanTitle(plan.needsHuman.length))];
  for (const n of plan.needsHuman) {
    const mark = n.severity === 'blocker' ? c.red(`✖ ${M.blocker}`) : c.yellow('!');
    out.push(`  ${mark} ${n.webhook} › ${formatPath(n.path)}: ${n.message}`);
    out.push(`      ${c.dim('→')} ${n.action}`);
  }
  return out;
}

/** The routing section of the plan: `qwh routes --plan`'s table and verdict, for this plan. */
function renderRouting(r: RoutesView, c: ChalkInstance): string {
  return ['', c.bold(M.routingTitle), ...routesTableLines(r, c)].join('\n') + '\n';
}

/** The blockers as one line each (a refusal's details): webhook › place: why. */
export function blockerLines(plan: Plan): string[] {
  return plan.needsHuman
    .filter((n) => n.severity === 'blocker')
    .map((n) => M.blockerLine(n.webhook, formatPath(n.path), n.message));
}

/**
 * The plan in a few lines, shown before the confirm prompt: what changes (counts), the hand-off
 * (secret files for the receiver team), what needs a human, and how to see the whole plan.
 */
export function renderPlanSummary(v: Omit<MigrateView, 'end'>, c: ChalkInstance): string {
  const { plan } = v;
  const S = M.summary;
  const created = plan.units.filter((u) => u.create).map((u) => u.v2Key);
  const files = plan.units.flatMap((u) => u.secretFiles.map((f) => f.file));
  const kept = new Set((v.keptSecrets ?? []).map((k) => k.file));
  const warnings = plan.needsHuman.filter((n) => n.severity !== 'blocker').length;
  const out = [
    c.bold(M.planTitle(plan.file, `${v.account.name} (account ${v.account.id})`)),
    `  ${S.changes(plan.changes, created, plan.counts.ruleTwins)}`,
    `  ${S.handOff(
      files.filter((f) => !kept.has(f)),
      files.filter((f) => kept.has(f)),
    )}`,
    `  ${S.needsHuman(0, warnings)}`,
    `  ${S.backOffice(v.runbook.steps.length)}`,
    c.dim(`  ${S.details(plan.file)}`),
  ];
  return out.join('\n') + '\n';
}

/** The runbook for a terminal: numbered steps, fields aligned (without its title when `header` is false). */
export function renderRunbookText(r: Runbook, c: ChalkInstance, header = true): string {
  const out = header ? [c.bold(R.header(r.account))] : [];
  r.steps.forEach((s, i) => {
    out.push(`  ${i + 1}. ${c.bold(s.title)}  ${c.dim(s.where)}`);
    out.push(
      renderTable(
        s.items.map((it) => [it.label, it.value]),
        { indent: '       ' },
      ),
    );
    if (s.note) out.push(`       ${c.dim(s.note)}`);
  });
  return out.join('\n');
}

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The runbook as a Markdown file (`--runbook FILE`). */
export function renderRunbookMarkdown(r: Runbook): string {
  const out = [`# ${R.header(r.account)}`, '', R.intro, ''];
  r.steps.forEach((s, i) => out.push(...stepMarkdown(s, i + 1)));
  return out.join('\n');
}

function stepMarkdown(s: RunbookStep, n: number): string[] {
  const out = [`## ${n}. ${s.title}`, '', `Where: **${s.where}**`, '', '| | |', '|---|---|'];
  for (const it of s.items) out.push(`| ${mdCell(it.label)} | ${mdCell(it.value)} |`);
  out.push('');
  if (s.note) out.push(`> ${s.note}`, '');
  return out;
}

function unitLine(u: UnitResult, c: ChalkInstance): string[] {
  const out: string[] = [];
  const v = u.verify;
  const head = !v
    ? u.v1.do === 'keep-on' && u.v1.reason === 'awaiting-hand-off'
      ? `${c.yellow('…')} ${M.unitAwaitingHandOff(u.v2Key)}`
      : `${c.yellow('!')} ${M.unitSkipped(u.v2Key)}`
    : v.verdict === 'pass'
      ? `${c.green('✔')} ${
          v.fromJournal
            ? M.unitVerifiedJournal(u.v2Key)
            : M.unitVerified(u.v2Key, {
                pass: v.checks.filter((x) => x.status === 'pass').length,
                warn: v.checks.filter((x) => x.status === 'warn').length,
                skip: v.checks.filter((x) => x.status === 'skip').length,
              })
        }`
      : `${c.red('✖')} ${M.unitFailed(u.v2Key, v.verdict)}`;
  out.push(`  ${head} ${c.dim('→')} ${M.v1On(u.v1Key)}`);
  if (v?.error) out.push(`      ${v.error}`);
  // The verification table: every check with its verdict, so an admin sees what was proven.
  if (v && v.checks.length > 0) {
    const badge = {
      pass: c.green('PASS'),
      fail: c.red('FAIL'),
      warn: c.yellow('WARN'),
      skip: c.dim('SKIP'),
    } as const;
    out.push(
      renderTable(
        v.checks.map((ch) => [badge[ch.status], ch.id, ch.detail ?? ch.title]),
        { indent: '      ' },
      ),
    );
  }
  return out;
}

/** The hand-off, first after a run: which secret file goes to the receiver team, the back-office steps now. */
export function renderHandOff(r: ApplyResult, runbook: Runbook, c: ChalkInstance): string {
  const created = r.secretFiles.filter((s) => s.state === 'created' || s.state === 'kept');
  if (created.length === 0 && runbook.steps.length === 0) return '';
  const out = [c.bold(M.handOffTitle)];
  for (const s of created) out.push(`  ${c.yellow('→')} ${M.handOffFile(s.file)}`);
  if (runbook.steps.length > 0) out.push(M.handOffSteps, renderRunbookText(runbook, c, false));
  return out.join('\n') + '\n\n';
}

/** What the run did: per webhook verified or not (1.0 always stays on), backup, secret files. */
export function renderResultHuman(r: ApplyResult, c: ChalkInstance): string {
  const out = [c.bold(M.resultTitle)];
  for (const u of r.units) out.push(...unitLine(u, c));
  if (r.backup) out.push(M.backupAt(r.backup));
  if (r.secretFiles.length > 0) {
    out.push(M.secretFiles);
    for (const s of r.secretFiles) out.push(`  ${s.file} (${M.secretFileState[s.state]})`);
  }
  return out.join('\n') + '\n';
}

/** "Next:" and the commands to run. */
export function renderNext(lines: readonly string[], c: ChalkInstance): string {
  if (lines.length === 0) return '';
  return `${c.bold(M.next)}\n${lines.map((l) => `  ${c.cyan(l)}`).join('\n')}\n`;
}

/** How a `qwh migrate` run ended, for its final output. */
export type MigrateEnd =
  | { kind: 'no-changes' }
  /** --dry-run, or --plan-out FILE. */
  | { kind: 'stopped'; planOut?: string }
  | { kind: 'blocked' }
  | { kind: 'applied'; result: ApplyResult };

/** Everything `qwh migrate` shows: the plan (before any question), then how the run ended. */
export interface MigrateView {
  file: string;
  account: AccountFile['account'];
  dryRun: boolean;
  plan: Plan;
  preview?: PlanPreview;
  /** The plan's runbook; after a run, the runbook of what the run really did. */
  runbook: Runbook;
  /** Where --runbook wrote it (the human report then does not suggest --runbook). */
  runbookFile?: string;
  /** Planned secret files that exist already (apply keeps them). */
  keptSecrets?: readonly KeptSecretFile[];
  /** Routing before → after the plan (shown with --dry-run and --verbose). */
  routes?: RoutesView;
  end: MigrateEnd;
}

/** What `qwh migrate resume` did. */
export type ResumeView =
  | { kind: 'nothing'; file: string }
  | { kind: 'abandoned'; file: string; run: string }
  | {
      kind: 'resumed';
      file: string;
      plan: Plan;
      result: ApplyResult;
      runbook: Runbook;
      runbookFile?: string;
    };

/** What `qwh migrate rollback` restored, and what to revert by hand. */
export interface RollbackView {
  file: string;
  info: RollbackInfo;
  safetyBackup: string;
  restoredSha: string;
}

/** The commands a run suggests next. */
function nextOf(file: string, plan: Plan, end: MigrateEnd): string[] {
  if (plan.blocked && (end.kind === 'stopped' || end.kind === 'blocked'))
    return [
      ...plan.needsHuman
        .filter((n) => n.severity === 'blocker')
        .map((n) => M.nextFixBlocker(n.webhook, n.action)),
      M.nextDryRunAgain(file),
    ];
  if (end.kind === 'stopped')
    return [end.planOut ? M.nextPlan(file, end.planOut) : M.nextApply(file)];
  if (end.kind !== 'applied') return [];
  const failed = end.result.units.filter((u) => u.verify && u.verify.verdict !== 'pass');
  if (failed.length > 0) return failed.map((u) => M.nextFix(file, u.v2Key));
  return [M.nextConfirmConfigured(file), M.nextStatus(file)];
}

function resumeNext(file: string, r: ApplyResult): string[] {
  const failed = r.units.filter((u) => u.verify && u.verify.verdict !== 'pass');
  return failed.length > 0
    ? failed.map((u) => M.nextFix(file, u.v2Key))
    : [M.nextConfirmConfigured(file), M.nextStatus(file)];
}

/** The `result` part of the JSON documents: what the run did (not the file it left). */
function resultDoc(r: ApplyResult): Record<string, unknown> {
  return {
    run: r.run,
    outcome: r.outcome,
    backup: r.backup ?? null,
    secretFiles: r.secretFiles,
    units: r.units,
  };
}

const jsonText = (doc: object): string => JSON.stringify(versioned(doc), null, 2) + '\n';

/** The result, then the runbook hint (when not written), then what to run next. */
function resultTail(
  r: ApplyResult,
  v: { runbook: Runbook; runbookFile?: string },
  next: string[],
  c: ChalkInstance,
): string {
  const hint =
    !v.runbookFile && v.runbook.steps.length > 0
      ? M.runbookHint(v.runbook.steps.length) + '\n'
      : '';
  return renderHandOff(r, v.runbook, c) + renderResultHuman(r, c) + hint + renderNext(next, c);
}

/** One reporter of the migrate commands: each stage's output as text. */
interface MigrateReporter {
  /** Printed once a plan with changes is made, before any question. */
  plan(v: Omit<MigrateView, 'end'>, c: ChalkInstance): string;
  /** Printed when `qwh migrate` ends (not on a usage error). */
  end(v: MigrateView, c: ChalkInstance): string;
  resume(v: ResumeView, c: ChalkInstance): string;
  rollback(v: RollbackView, c: ChalkInstance): string;
}

const human: MigrateReporter = {
  plan: (v, c) =>
    renderPlanHuman(
      v.plan,
      v.preview,
      v.runbook,
      `${v.account.name} (account ${v.account.id})`,
      c,
      v.keptSecrets,
    ) + (v.routes ? renderRouting(v.routes, c) : ''),
  end: (v, c) => {
    const next = nextOf(v.file, v.plan, v.end);
    switch (v.end.kind) {
      case 'no-changes': {
        const extra = renderNeedsHuman(v.plan, c);
        return (
          `${c.green('✔')} ${M.zeroChanges(v.file)}\n` +
          (extra.length > 0 ? extra.join('\n') + '\n' : '')
        );
      }
      case 'stopped': {
        const n = v.plan.needsHuman.filter((x) => x.severity === 'blocker').length;
        const blocked = n > 0 ? `${c.red('✖')} ${M.blockedDryRun(n, v.file)}\n` : '';
        return `\n${M.dryRun}\n${blocked}${renderNext(next, c)}`;
      }
      case 'blocked':
        return '';
      case 'applied':
        return '\n' + resultTail(v.end.result, v, next, c);
    }
  },
  resume: (v, c) => {
    if (v.kind === 'nothing') return M.resumeNothing(v.file) + '\n';
    if (v.kind === 'abandoned') return M.resumeAbandoned(v.run) + '\n';
    return (
      `${c.bold(M.resumeTitle(v.result.run))}\n` +
      resultTail(v.result, v, resumeNext(v.file, v.result), c)
    );
  },
  rollback: ({ file, info, safetyBackup }, c) => {
    const lines = [
      `${c.green('✔')} ${M.rolledBack(file, info.backup)}`,
      M.rollbackSafety(safetyBackup),
    ];
    if (info.revert.length > 0)
      lines.push(
        '',
        c.bold(M.revertTitle),
        renderRunbookText({ account: file, steps: info.revert }, c, false),
      );
    else lines.push(info.note ?? M.revertNone);
    if (info.secretFiles.length > 0) lines.push(M.secretFilesLeft(info.secretFiles));
    if (info.earlierRun !== undefined) lines.push('', M.rollbackEarlier(file, info.earlierRun));
    return lines.join('\n') + '\n';
  },
};

const json: MigrateReporter = {
  plan: () => '',
  end: (v) =>
    jsonText({
      file: v.file,
      account: v.account,
      dryRun: v.dryRun,
      changes: v.plan.changes,
      plan: v.plan,
      diff: { apply: v.preview?.writeDiff ?? '', afterVerification: v.preview?.disableDiff ?? '' },
      needsHuman: v.plan.needsHuman,
      keptSecretFiles: v.keptSecrets ?? [],
      ...(v.routes?.plan
        ? {
            routing: {
              preserved: v.routes.plan.preserved,
              verdict: v.routes.plan.verdict,
              lostRows: v.routes.plan.lostRows,
              newlyPushedRows: v.routes.plan.newlyPushedRows,
              rows: v.routes.rows,
            },
          }
        : {}),
      runbook: v.runbook,
      ...(v.end.kind === 'applied'
        ? { result: resultDoc(v.end.result) }
        : v.end.kind === 'blocked'
          ? { result: null, refused: 'blocked' }
          : { result: null }),
      next: nextOf(v.file, v.plan, v.end),
    }),
  resume: (v) => {
    if (v.kind === 'nothing') return jsonText({ file: v.file, resumed: false, result: null });
    if (v.kind === 'abandoned') return jsonText({ file: v.file, abandoned: v.run, result: null });
    return jsonText({
      file: v.file,
      resumed: v.result.run,
      changes: v.plan.changes,
      plan: v.plan,
      runbook: v.runbook,
      result: resultDoc(v.result),
      next: resumeNext(v.file, v.result),
    });
  },
  rollback: ({ file, info, safetyBackup, restoredSha }) =>
    jsonText({
      file,
      rolledBack: info.run,
      restoredFrom: info.backup,
      safetyBackup,
      sha256: restoredSha,
      revert: info.revert,
      secretFilesLeft: info.secretFiles,
      earlierRun: info.earlierRun ?? null,
    }),
};

/** The migrate commands' reporters (a reporter map): `--json` picks `json`. */
export const MIGRATE_REPORTERS = { human, json } as const;

export type MigrateReporterName = keyof typeof MIGRATE_REPORTERS;
