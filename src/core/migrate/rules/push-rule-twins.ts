import { indexAccount } from '../../account/account-index.js';
import type { PushRule } from '../../account/schema.js';
import type { PlannedRuleTwin } from '../types.js';
import type { ConversionRule } from './rule.js';

const ruleKey = (r: PushRule): string =>
  `${r.level}|${r.target ?? ''}|${r.campaignMode ?? ''}|${r.destination ?? ''}`;

/**
 * Every push rule sending to the 1.0 webhook gets a twin sending to 2.0: same level, target
 * and campaign mode. Exclusions and rules of other integrations are untouched; a twin that
 * already exists is not added again.
 */
export const pushRuleTwinsRule: ConversionRule = {
  id: 'push-rule-twins',
  summary: 'a twin of every push rule to 1.0, same level/target/campaign mode, destination 2.0',
  apply(ctx) {
    const twins: PlannedRuleTwin[] = [];
    const mine = indexAccount(ctx.account).rulesByDestination.get(ctx.v1.key) ?? [];
    // Only the keys of rules to 1.0 and to this 2.0 key can collide with a twin.
    const existing = new Set(
      [...mine, ...(indexAccount(ctx.account).rulesByDestination.get(ctx.v2Key) ?? [])].map((i) =>
        ruleKey(ctx.account.pushRules[i]!),
      ),
    );
    for (const i of mine) {
      const r = ctx.account.pushRules[i]!;
      const rule: PushRule = {
        level: r.level,
        ...(r.target !== undefined ? { target: r.target } : {}),
        ...(r.campaignMode !== undefined ? { campaignMode: r.campaignMode } : {}),
        destination: ctx.v2Key,
      };
      if (!existing.has(ruleKey(rule))) twins.push({ of: i, rule });
    }
    return { twins };
  },
};
