import type { ChalkInstance } from 'chalk';
import { formatPath } from '../../core/path.js';
import type { Runbook, RunbookStep } from '../../core/migrate/runbook.js';
import type { Plan, PlanUnit } from '../../core/migrate/types.js';
import type { PlanPreview } from '../../core/migrate/preview.js';
import type { ApplyResult, UnitResult } from '../../core/migrate/results.js';
import { MESSAGES } from '../../messages/index.js';
import { renderTable } from '../table.js';

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
): string {
  const out: string[] = [c.bold(M.planTitle(plan.file, account)), ''];
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
          ? M.secretNew(u.create.secret.file)
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
    ? `${c.yellow('!')} ${M.unitSkipped(u.v2Key)}`
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
  out.push(`  ${head} ${c.dim('→')} ${u.disabled ? M.v1Off(u.v1Key) : M.v1On(u.v1Key)}`);
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

/** What the run did: per webhook verified or not and 1.0 on or off, backup, secret files. */
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
