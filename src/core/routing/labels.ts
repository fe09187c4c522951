import type { AccountFile } from '../account/schema.js';
import { MESSAGES } from '../../messages/index.js';
import { indexAccount } from '../account/account-index.js';
import type { RouteRow } from './compare.js';
import type { Route } from './route.js';
import type { RouteTarget } from './targets.js';

const M = MESSAGES.routes;
const LEVELS = MESSAGES.migrate.runbook.levels;

/** A target as rows and messages name it: `campaign 99888 (Winter contest), identified`. */
export function targetLabel(t: RouteTarget): string {
  switch (t.level) {
    case 'website':
      return M.target.website(t.id, t.name, t.kind);
    case 'masterForm':
      return M.target.masterForm(t.id, t.name);
    case 'campaign':
      return M.target.campaign(t.id, t.name, t.kind);
    case 'other':
      return M.target.other(t.kind);
  }
}

/** One push rule as routes names it: `pushRules[3] campaign 99888 (Winter contest) → main`. */
export function ruleLabel(account: AccountFile, index: number): string {
  const r = account.pushRules[index];
  if (!r) return `pushRules[${index}]`;
  const name =
    r.level !== 'default' && r.target !== undefined
      ? indexAccount(account).names[r.level].get(r.target)
      : undefined;
  const target = r.target !== undefined ? ` ${r.target}${name ? ` (${name})` : ''}` : '';
  const mode = r.campaignMode ? ` ${r.campaignMode}` : '';
  return M.rule(index, LEVELS[r.level], target, mode, r.destination ?? M.exclusion);
}

/** The destinations of a route as one cell: `main, hubspot`, `main (off)`, `not pushed`. */
export function destinationsLabel(route: Route): string {
  if (route.excluded) return `${M.notPushed} (${M.exclusion})`;
  if (route.destinations.length === 0) return M.notPushed;
  return route.destinations.map((d) => (d.delivers ? d.key : `${d.key} (${M.off})`)).join(', ');
}

/** The rules that decided a route, as one cell. */
export function decidedByLabel(account: AccountFile, route: Route): string {
  if (route.level === 'none') return M.noRule;
  return route.rules.map((i) => ruleLabel(account, i)).join('; ');
}

/** Why a row loses `key` after the plan, in words naming the rule (indexes of the file after apply). */
export function lossCause(after: AccountFile, row: RouteRow, key: string): string {
  const a = row.after;
  if (!a || a.level === 'none') return M.cause.noRule;
  if (a.excluded) return M.cause.excluded(decidedByLabel(after, a));
  if (a.destinations.some((d) => d.key === key && !d.delivers)) return M.cause.turnedOff(key);
  return M.cause.without(decidedByLabel(after, a), key);
}
