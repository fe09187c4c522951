import type { AccountFile, PushRule, Webhook } from '../account/schema.js';
import type { PlanUnit } from '../migrate/types.js';

/**
 * The account as it will be once the migration of these plan units is complete, which is what
 * must route as 1.0 did: apply's edits (migrate/edits.ts: each 2.0 webhook after its 1.0 one,
 * each rule twin right after the rule it twins), then 1.0 off, as `qwh migrate confirm v1-off`
 * writes it at the end of the dual run (apply itself never turns 1.0 off). Only what routing
 * reads is exact (keys, versions, enabled, rules); a new webhook's host is the plan's masked one.
 */
export function accountAfterPlan(account: AccountFile, units: readonly PlanUnit[]): AccountFile {
  const newWebhooks = new Map<number, Webhook[]>();
  const twins = new Map<number, PushRule[]>();
  const off = new Set<number>();
  for (const u of units) {
    if (u.create) {
      const list = newWebhooks.get(u.v1.index) ?? [];
      list.push({
        key: u.create.key,
        version: 2,
        scope: u.create.scope,
        name: u.create.name,
        host: u.create.host,
        incompleteParticipations: u.create.incompleteParticipations,
        enabled: true,
      });
      newWebhooks.set(u.v1.index, list);
    }
    for (const t of u.twins) {
      const list = twins.get(t.of) ?? [];
      list.push(t.rule);
      twins.set(t.of, list);
    }
    off.add(u.v1.index);
  }
  const webhooks: Webhook[] = [];
  account.webhooks.forEach((w, i) => {
    webhooks.push(off.has(i) ? { ...w, enabled: false } : w);
    webhooks.push(...(newWebhooks.get(i) ?? []));
  });
  const pushRules: PushRule[] = [];
  account.pushRules.forEach((r, i) => {
    pushRules.push(r, ...(twins.get(i) ?? []));
  });
  return { ...account, webhooks, pushRules };
}
