import type { AccountFile } from '../account/schema.js';
import { planMigration, type PlanSource } from '../migrate/plan.js';
import type { PlanOptions, PlanUnit } from '../migrate/types.js';
import { MESSAGES } from '../../messages/index.js';
import { planRouting } from './blockers.js';
import { routesOf, type RoutePair, type RouteRow } from './compare.js';
import { decidedByLabel, destinationsLabel, lossCause, targetLabel } from './labels.js';
import { deliveredKeys, type Route } from './route.js';
import type { RouteTarget } from './targets.js';

const M = MESSAGES.routes;

/** The options `qwh routes --plan` plans with: migrate's defaults (routing does not depend on the rest). */
export const ROUTES_PLAN_OPTIONS: PlanOptions = {
  incomplete: false,
  keepV1: false,
  skipVerify: false,
  allowInsecureHost: false,
  queryToken: 'keep',
};

/** One side of a row as reporters show it. */
export interface RouteSideView {
  level: Route['level'];
  excluded: boolean;
  /** Every destination the deciding rules name (turned-off webhooks included). */
  destinations: Array<{ key: string; kind: string; delivers: boolean }>;
  /** Destinations that receive it. */
  delivered: string[];
  /** Cell text: `main, hubspot`, `not pushed (exclusion)`. */
  text: string;
  decidedBy: string;
}

/** One row of `qwh routes`, every string worded. */
export interface RouteRowView {
  target: RouteTarget;
  label: string;
  before: RouteSideView;
  after?: RouteSideView;
  lost: Array<{ destination: string; cause: string }>;
  newlyPushed: string[];
}

/** What `qwh routes` reports: the rows, and with --plan the verdict. */
export interface RoutesView {
  file: string;
  account: { id: number; name: string };
  rows: RouteRowView[];
  plan?: {
    pairs: RoutePair[];
    preserved: boolean;
    verdict: string;
    lostRows: number;
    newlyPushedRows: number;
  };
}

function side(account: AccountFile, r: Route): RouteSideView {
  return {
    level: r.level,
    excluded: r.excluded,
    destinations: r.destinations.map((d) => ({ ...d })),
    delivered: deliveredKeys(r),
    text: destinationsLabel(r),
    decidedBy: decidedByLabel(account, r),
  };
}

function rowView(before: AccountFile, after: AccountFile | undefined, row: RouteRow): RouteRowView {
  return {
    target: row.target,
    label: targetLabel(row.target),
    before: side(before, row.before),
    ...(after && row.after ? { after: side(after, row.after) } : {}),
    lost: after ? row.lost.map((k) => ({ destination: k, cause: lossCause(after, row, k) })) : [],
    newlyPushed: row.newlyPushed,
  };
}

/**
 * `qwh routes`: where every known target of the file goes today; with a plan source, also
 * where it goes once the plan `qwh migrate` makes (default options) is applied, and whether
 * every participation that reached 1.0 X reaches 2.0 X. Pure.
 */
export function routesView(account: AccountFile, file: string, plan?: PlanSource): RoutesView {
  if (!plan) {
    const head = { file, account: { id: account.account.id, name: account.account.name } };
    return { ...head, rows: routesOf(account).rows.map((r) => rowView(account, undefined, r)) };
  }
  return routesViewOfUnits(account, file, planMigration(account, plan, ROUTES_PLAN_OPTIONS).units);
}

/** The before → after routing of these plan units (what `qwh migrate --dry-run` shows). Pure. */
export function routesViewOfUnits(
  account: AccountFile,
  file: string,
  units: readonly PlanUnit[],
): RoutesView {
  const head = { file, account: { id: account.account.id, name: account.account.name } };
  const { report, after } = planRouting(account, units);
  const p = report.plan!;
  const verdict = p.preserved
    ? p.pairs.length === 0
      ? M.noPairs
      : M.preserved(p.pairs.map((x) => M.pair(x.v1Key, x.v2Key)).join(', '))
    : M.notPreserved(p.lostRows);
  return {
    ...head,
    rows: report.rows.map((r) => rowView(account, after, r)),
    plan: { ...p, verdict },
  };
}
