import {
  NULL_DESTINATION_IS_EXCLUSION,
  RULE_PRECEDENCE,
  SAME_TARGET_RULES_ALL_APPLY,
} from '../assumptions.js';
import type { AccountFile, PushRule, RuleLevel } from '../account/schema.js';

/** Whether a campaign collects identities (a form) or not. */
export type CampaignKind = 'anonymous' | 'identified';

/** One participation as routing sees it: where it happens and what kind of campaign it is. */
export interface ParticipationContext {
  websiteId?: number;
  masterFormId?: number;
  campaignId?: number;
  kind: CampaignKind;
}

/** A destination a route names, and whether it receives anything today. */
export interface RouteDestination {
  key: string;
  /** A webhook of the file (by version), or another integration (a CRM: always receives). */
  kind: 'webhook-v1' | 'webhook-v2' | 'integration';
  /** False for a webhook the file has turned off: the rule names it but nothing is delivered. */
  delivers: boolean;
}

/** Where one participation goes, and the rules that decided it. */
export interface Route {
  /** The level whose rules decided; 'none' when no rule applies (not pushed). */
  level: RuleLevel | 'none';
  /** Indexes into pushRules of the deciding rules. */
  rules: number[];
  /** An exclusion decided: nothing is pushed. */
  excluded: boolean;
  destinations: RouteDestination[];
}

/** The rules of an account by level and target, built once per account (linear in rules). */
export interface RoutingIndex {
  account: AccountFile;
  byTarget: Record<Exclude<RuleLevel, 'default'>, ReadonlyMap<number, readonly number[]>>;
  defaults: readonly number[];
  /** One shared destination object per key (routes of 40 000 targets allocate none). */
  destinations: Map<string, RouteDestination>;
}

const cache = new WeakMap<AccountFile, RoutingIndex>();

/** The (memoised) routing index of an account. */
export function indexRouting(account: AccountFile): RoutingIndex {
  const hit = cache.get(account);
  if (hit) return hit;
  const byTarget = {
    website: new Map<number, number[]>(),
    masterForm: new Map<number, number[]>(),
    campaign: new Map<number, number[]>(),
  };
  const defaults: number[] = [];
  account.pushRules.forEach((r, i) => {
    if (r.level === 'default') defaults.push(i);
    else if (r.target !== undefined) {
      const list = byTarget[r.level].get(r.target);
      if (list) list.push(i);
      else byTarget[r.level].set(r.target, [i]);
    }
  });
  const destinations = new Map<string, RouteDestination>();
  for (const w of account.webhooks)
    destinations.set(w.key, {
      key: w.key,
      kind: w.version === 1 ? 'webhook-v1' : 'webhook-v2',
      delivers: w.enabled,
    });
  for (const r of account.pushRules)
    if (r.destination !== null && !destinations.has(r.destination))
      destinations.set(r.destination, { key: r.destination, kind: 'integration', delivers: true });
  const idx: RoutingIndex = { account, byTarget, defaults, destinations };
  cache.set(account, idx);
  return idx;
}

/** The rules of one level that apply to this participation (before precedence). */
const NONE: readonly number[] = [];

function candidates(
  idx: RoutingIndex,
  level: RuleLevel,
  p: ParticipationContext,
): readonly number[] {
  const rules = idx.account.pushRules;
  switch (level) {
    case 'campaign':
      return p.campaignId === undefined ? NONE : (idx.byTarget.campaign.get(p.campaignId) ?? NONE);
    case 'masterForm':
      return p.masterFormId === undefined
        ? NONE
        : (idx.byTarget.masterForm.get(p.masterFormId) ?? NONE);
    case 'website':
      // [doc] A website rule has a campaign mode: anonymous, identified or both.
      return p.websiteId === undefined
        ? NONE
        : (idx.byTarget.website.get(p.websiteId) ?? NONE).filter((i) => {
            const mode = rules[i]!.campaignMode ?? 'both';
            return mode === 'both' || mode === p.kind;
          });
    case 'default':
      // [doc] By default identified campaigns go to the default destination; anonymous ones
      // are not pushed.
      return p.kind === 'identified' ? idx.defaults : NONE;
  }
}

/**
 * Where one participation is pushed: the most specific level with a rule for it decides
 * (RULE_PRECEDENCE); an exclusion there stops every push (NULL_DESTINATION_IS_EXCLUSION);
 * several rules there all apply (SAME_TARGET_RULES_ALL_APPLY). An anonymous campaign reaches
 * only webhooks ([doc] "to set up a data push for your anonymous campaigns, you need to use the
 * webhook"). Pure; O(rules on the participation's targets) once the account is indexed.
 */
export function routeParticipation(account: AccountFile, p: ParticipationContext): Route {
  const idx = indexRouting(account);
  const rules: readonly PushRule[] = account.pushRules;
  for (const level of RULE_PRECEDENCE) {
    let found = candidates(idx, level, p);
    if (!NULL_DESTINATION_IS_EXCLUSION) found = found.filter((i) => rules[i]!.destination !== null);
    if (found.length === 0) continue;
    if (!SAME_TARGET_RULES_ALL_APPLY) found = found.slice(0, 1);
    const exclusions = found.filter((i) => rules[i]!.destination === null);
    if (exclusions.length > 0)
      return { level, rules: exclusions, excluded: true, destinations: [] };
    const destinations: RouteDestination[] = [];
    for (const i of found) {
      const d = idx.destinations.get(rules[i]!.destination!)!;
      if (destinations.includes(d)) continue;
      if (p.kind === 'anonymous' && d.kind === 'integration') continue;
      destinations.push(d);
    }
    return { level, rules: [...found], excluded: false, destinations };
  }
  return { level: 'none', rules: [], excluded: false, destinations: [] };
}

/** Keys of the destinations a route actually delivers to (turned-off webhooks left out). */
export function deliveredKeys(route: Route): string[] {
  return route.destinations.filter((d) => d.delivers).map((d) => d.key);
}
