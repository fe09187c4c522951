import type { AccountFile } from '../account/schema.js';
import type { NeedsHuman, PlanUnit } from '../migrate/types.js';
import { MESSAGES } from '../../messages/index.js';
import { accountAfterPlan } from './after-plan.js';
import { compareRouting, type RouteRow, type RoutingReport } from './compare.js';
import { lossCause, targetLabel } from './labels.js';

const M = MESSAGES.routes;
/** Rows named in one blocker message; the rest are counted (`qwh routes --plan` lists all). */
const NAMED_ROWS = 5;

/** The routing of a plan's units: every known target before and after, compared. */
export function planRouting(
  account: AccountFile,
  units: readonly PlanUnit[],
): { report: RoutingReport; after: AccountFile } {
  const after = accountAfterPlan(account, units);
  const pairs = units.map((u) => ({ v1Key: u.v1.key, v2Key: u.v2Key }));
  return { report: compareRouting(account, after, pairs), after };
}

/**
 * One blocker per destination that would lose deliveries after the plan, naming the rows
 * that lose them and the rule that decides them after apply. Newly pushed rows never block.
 */
export function routingBlockers(account: AccountFile, units: readonly PlanUnit[]): NeedsHuman[] {
  const { report, after } = planRouting(account, units);
  if (report.plan?.preserved !== false) return [];
  const v1Of = new Map(units.map((u) => [u.v2Key, u.v1.key]));
  const byKey = new Map<string, RouteRow[]>();
  for (const row of report.rows)
    for (const key of row.lost) byKey.set(key, [...(byKey.get(key) ?? []), row]);
  return [...byKey].map(([key, rows]): NeedsHuman => {
    const v1 = v1Of.get(key);
    const first = rows[0]!;
    const named = rows.slice(0, NAMED_ROWS).map((r) => targetLabel(r.target));
    if (rows.length > NAMED_ROWS) named.push(M.blockerMore(rows.length - NAMED_ROWS));
    return {
      code: 'routing-not-preserved',
      severity: 'blocker',
      webhook: v1 ?? key,
      path: first.before.rules.length > 0 ? ['pushRules', first.before.rules[0]!] : ['pushRules'],
      message: M.blocker(
        key,
        v1 ? M.blockerFrom(v1) : M.blockerFromOther(key),
        rows.length,
        named.join('; '),
      ),
      action: M.blockerAction(lossCause(after, first, key)),
    };
  });
}
