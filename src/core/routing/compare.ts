import type { AccountFile } from '../account/schema.js';
import { deliveredKeys, routeParticipation, type Route } from './route.js';
import { routeTargets, type RouteTarget } from './targets.js';

/** A 1.0 webhook and the 2.0 one that takes over its deliveries. */
export interface RoutePair {
  v1Key: string;
  v2Key: string;
}

/** One row of `qwh routes`: today's route, and with a plan the route after it. */
export interface RouteRow {
  target: RouteTarget;
  before: Route;
  after?: Route;
  /** Destinations that should receive it after the plan and would not (a lost delivery). */
  lost: string[];
  /** Destinations that receive it after the plan and received nothing of it before. */
  newlyPushed: string[];
}

/** Every known target routed today, and (with a plan) after it, compared. */
export interface RoutingReport {
  rows: RouteRow[];
  /** Present with a plan: the pairs compared, and whether every delivery is kept. */
  plan?: { pairs: RoutePair[]; preserved: boolean; lostRows: number; newlyPushedRows: number };
}

/** Today's routes of every known target of the file (`qwh routes` without a plan). */
export function routesOf(account: AccountFile): RoutingReport {
  return {
    rows: routeTargets(account).map(({ target, context }) => ({
      target,
      before: routeParticipation(account, context),
      lost: [],
      newlyPushed: [],
    })),
  };
}

/**
 * Routes every known target before and after a plan. A participation that reached 1.0 X must
 * reach its 2.0 twin after the plan, and one that reached any other destination must still
 * reach it: anything missing is lost (the plan does not preserve routing). A destination that
 * receives a participation it did not before is "newly pushed": shown, not a loss.
 */
export function compareRouting(
  before: AccountFile,
  after: AccountFile,
  pairs: readonly RoutePair[],
): RoutingReport {
  const twinOf = new Map(pairs.map((p) => [p.v1Key, p.v2Key]));
  let lostRows = 0;
  let newlyPushedRows = 0;
  const rows = routeTargets(before).map(({ target, context }): RouteRow => {
    const b = routeParticipation(before, context);
    const a = routeParticipation(after, context);
    const had = deliveredKeys(b);
    const expected = new Set(had.map((k) => twinOf.get(k) ?? k));
    const got = new Set(deliveredKeys(a));
    const lost = [...expected].filter((k) => !got.has(k));
    const newlyPushed = [...got].filter((k) => !expected.has(k) && !had.includes(k));
    if (lost.length > 0) lostRows++;
    if (newlyPushed.length > 0) newlyPushedRows++;
    return { target, before: b, after: a, lost, newlyPushed };
  });
  return {
    rows,
    plan: { pairs: [...pairs], preserved: lostRows === 0, lostRows, newlyPushedRows },
  };
}
