import { indexAccount } from '../../account/account-index.js';
import type { NeedsHuman } from '../types.js';
import type { ConversionRule } from './rule.js';

const LISTS = { website: 'websites', masterForm: 'masterForms', campaign: 'campaigns' } as const;

/**
 * A rule to 1.0 whose target the file does not describe (no websites/masterForms/campaigns
 * list): its twin is written as is, but someone should check the target still exists.
 */
export const unknownTargetsRule: ConversionRule = {
  id: 'unknown-targets',
  summary: 'rules to 1.0 whose target the file does not list: check them in the back office',
  apply(ctx) {
    const out: NeedsHuman[] = [];
    for (const i of indexAccount(ctx.account).rulesByDestination.get(ctx.v1.key) ?? []) {
      const r = ctx.account.pushRules[i]!;
      if (r.level === 'default' || r.target === undefined) continue;
      const list = LISTS[r.level];
      if (ctx.account[list] !== undefined) continue; // listed targets are checked by validation
      out.push({
        code: 'unknown-target',
        severity: 'todo',
        webhook: ctx.v1.key,
        path: ['pushRules', i, 'target'],
        message: `${r.level} ${r.target} is not described in the file (no ${list} list), so qwh cannot tell whether it still exists`,
        action: `Check ${r.level} ${r.target} in the back office; add a ${list} list to the file so qwh checks targets.`,
      });
    }
    return { needsHuman: out };
  },
};
