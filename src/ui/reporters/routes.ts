import type { ChalkInstance } from 'chalk';
import type { RouteRowView, RoutesView } from '../../core/routing/view.js';
import type { FeedComparison } from '../../core/routing/campaign-feed.js';
import { MESSAGES } from '../../messages/index.js';
import { renderTable } from '../table.js';
import { versioned } from './json-document.js';

const M = MESSAGES.routes;

/** routes' `--json` document: the rows (structured and worded) and, with --plan, the verdict. */
export function renderRoutesJson(v: RoutesView): string {
  return (
    JSON.stringify(
      versioned({
        file: v.file,
        account: v.account,
        ...(v.plan
          ? {
              preserved: v.plan.preserved,
              verdict: v.plan.verdict,
              pairs: v.plan.pairs,
              lostRows: v.plan.lostRows,
              newlyPushedRows: v.plan.newlyPushedRows,
            }
          : {}),
        rows: v.rows,
      }),
      null,
      2,
    ) + '\n'
  );
}

function lostLines(v: RoutesView): string[] {
  return v.rows.flatMap((r) => r.lost.map((l) => M.lostRow(r.label, l.destination, l.cause)));
}

function newlyLines(v: RoutesView): string[] {
  return v.rows
    .filter((r) => r.newlyPushed.length > 0)
    .map((r) => M.newlyRow(r.label, r.newlyPushed.join(', ')));
}

function cells(r: RouteRowView, c: ChalkInstance): string[] {
  if (!r.after) return [r.label, r.before.text, c.dim(r.before.decidedBy)];
  const changed = r.lost.length > 0 ? c.red(r.after.text) : r.after.text;
  return [r.label, r.before.text, changed, c.dim(r.after.decidedBy)];
}

/** The human report: one aligned row per target, then the verdict and its rows. */
export function renderRoutesHuman(v: RoutesView, c: ChalkInstance): string {
  const out = [
    c.bold(M.title(`${v.account.name} (account ${v.account.id})`)) + c.dim(` — ${v.file}`),
    '',
    ...routesTableLines(v, c),
  ];
  if (v.plan) out.push('', c.dim(v.plan.preserved ? M.nextMigrate(v.file) : M.fixHint));
  else out.push('', c.dim(M.nextPlan(v.file)));
  return out.join('\n') + '\n';
}

/** The table (before → after with a plan) and, with a plan, the verdict and the rows that differ. */
export function routesTableLines(v: RoutesView, c: ChalkInstance): string[] {
  const out: string[] = [];
  const header = (v.plan ? M.headerPlan : M.header).map((h) => c.dim(h));
  out.push(
    renderTable(
      v.rows.map((r) => cells(r, c)),
      { header },
    ),
  );
  if (!v.plan) return out;
  out.push('');
  if (v.plan.preserved) out.push(`${c.green('✔')} ${v.plan.verdict}`);
  else {
    out.push(`${c.red('✖')} ${v.plan.verdict}`);
    for (const l of lostLines(v)) out.push(`  ${c.red('-')} ${l}`);
  }
  const newly = newlyLines(v);
  if (newly.length > 0) {
    out.push('', M.newlyPushed(newly.length));
    for (const l of newly) out.push(`  ${c.cyan('+')} ${l}`);
  }
  return out;
}

const cell = (s: string): string => s.replace(/\|/g, '\\|');

/** The markdown report (a PR comment, a ticket): the same table and verdict. */
export function renderRoutesMarkdown(v: RoutesView): string {
  const head = v.plan ? M.headerPlan : M.header;
  const out = [`# ${M.title(`${v.account.name} (account ${v.account.id})`)}`, ''];
  if (v.plan) out.push(`**${v.plan.verdict}**`, '');
  out.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
  for (const r of v.rows) {
    const row = r.after
      ? [r.label, r.before.text, r.after.text, r.after.decidedBy]
      : [r.label, r.before.text, r.before.decidedBy];
    out.push(`| ${row.map(cell).join(' | ')} |`);
  }
  if (v.plan) {
    const lost = lostLines(v);
    if (lost.length > 0) out.push('', ...lost.map((l) => `- ${l}`));
    const newly = newlyLines(v);
    if (newly.length > 0)
      out.push('', M.newlyPushed(newly.length), '', ...newly.map((l) => `- ${l}`));
  }
  return out.join('\n') + '\n';
}

/** routes' reporters, by `--reporter` name. */
export const ROUTES_REPORTERS = {
  human: renderRoutesHuman,
  json: (v: RoutesView, _c: ChalkInstance) => renderRoutesJson(v),
  markdown: (v: RoutesView, _c: ChalkInstance) => renderRoutesMarkdown(v),
} as const;

/** True when the feed lists something the file lacks or places elsewhere. */
export function feedHasGaps(g: FeedComparison): boolean {
  return g.missingWebsites.length + g.missingCampaigns.length + g.websiteDiffers.length > 0;
}

/** `qwh check --campaign-feed`: what the feed lists that the file does not. */
export function renderFeedHuman(
  source: string,
  file: string,
  g: FeedComparison,
  c: ChalkInstance,
): string {
  const F = M.feed;
  const out = ['', c.bold(F.title(source))];
  if (!feedHasGaps(g)) {
    out.push(`${c.green('✔')} ${F.inSync}`);
    return out.join('\n') + '\n';
  }
  const list = (head: string, lines: string[]): void => {
    if (lines.length === 0) return;
    out.push(`${c.yellow('!')} ${head}`, ...lines.map((l) => `    ${l}`));
  };
  list(
    F.missingWebsites(g.missingWebsites.length),
    g.missingWebsites.map((w) => F.website(w.id, w.name)),
  );
  list(
    F.missingCampaigns(g.missingCampaigns.length),
    g.missingCampaigns.map((x) => F.campaign(x.id, x.name, x.websiteId)),
  );
  list(
    F.websiteDiffers(g.websiteDiffers.length),
    g.websiteDiffers.map((x) =>
      F.differs(x.id, x.name, x.file !== undefined ? `website ${x.file}` : F.noWebsite, x.feed),
    ),
  );
  out.push('', c.dim(F.fillHint(file)));
  return out.join('\n') + '\n';
}

/** The feed comparison's reporters (check's --json carries it as `campaignFeed`). */
export const FEED_REPORTERS = { human: renderFeedHuman } as const;
