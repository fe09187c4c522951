import type { AccountFile, RuleLevel } from './schema.js';

/** Lookups over an account that planners and reporters need once per webhook or rule. */
export interface AccountIndex {
  /** Indexes into pushRules, by destination key (exclusions are not listed). */
  rulesByDestination: ReadonlyMap<string, readonly number[]>;
  /** Names of the targets the file describes, by level and id. */
  names: Readonly<Record<Exclude<RuleLevel, 'default'>, ReadonlyMap<number, string>>>;
}

// Accounts are immutable once validated, so an index is built once per account object: a
// 10 000-website account has 10 000 webhooks and 20 000 rules, and a scan of the rules per
// webhook made planning quadratic (70 s instead of well under one).
const cache = new WeakMap<AccountFile, AccountIndex>();

/** The (memoised) index of an account: rules by destination, target names by level. */
export function indexAccount(account: AccountFile): AccountIndex {
  let idx = cache.get(account);
  if (!idx) {
    const rulesByDestination = new Map<string, number[]>();
    account.pushRules.forEach((r, i) => {
      if (r.destination === null) return;
      const list = rulesByDestination.get(r.destination);
      if (list) list.push(i);
      else rulesByDestination.set(r.destination, [i]);
    });
    idx = {
      rulesByDestination,
      names: {
        website: new Map((account.websites ?? []).map((x) => [x.id, x.name])),
        masterForm: new Map((account.masterForms ?? []).map((x) => [x.id, x.name])),
        campaign: new Map((account.campaigns ?? []).map((x) => [x.id, x.name])),
      },
    };
    cache.set(account, idx);
  }
  return idx;
}
