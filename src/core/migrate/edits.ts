import type { AccountFile, PushRule } from '../account/schema.js';
import { splitV1Url } from './rules/v1-url.js';
import type { Plan, PlanUnit } from './types.js';

/** One change to the account file; indexes refer to the arrays of the file as read. */
export type AccountEdit =
  | { kind: 'insert-webhook'; afterIndex: number; webhook: Record<string, unknown> }
  | { kind: 'insert-rule'; afterIndex: number; rule: Record<string, unknown> }
  | { kind: 'set-enabled'; index: number; enabled: boolean };

/** The 2.0 webhook object exactly as written to the file (real host, secrets by reference only). */
export function webhookObject(unit: PlanUnit, account: AccountFile): Record<string, unknown> {
  const c = unit.create;
  const v1 = account.webhooks[unit.v1.index];
  if (!c || !v1 || v1.version !== 1) throw new Error(`no 2.0 webhook to create for ${unit.v1.key}`);
  // The real host comes from the file, not the plan: the plan only holds its masked form.
  const parts = splitV1Url(v1.url, c.dropQueryParams.length > 0 ? 'move' : 'keep');
  return {
    key: c.key,
    version: 2,
    scope: c.scope === 'account' ? 'account' : { website: c.scope.website },
    name: c.name,
    host: parts.host,
    incompleteParticipations: c.incompleteParticipations,
    ...(c.authHeader ? { authHeader: { name: c.authHeader.name, value: c.authHeader.value } } : {}),
    secret: c.secret,
    enabled: true,
  };
}

function ruleObject(r: PushRule): Record<string, unknown> {
  return {
    level: r.level,
    ...(r.target !== undefined ? { target: r.target } : {}),
    ...(r.campaignMode !== undefined ? { campaignMode: r.campaignMode } : {}),
    destination: r.destination,
  };
}

/** The apply step's edits: each new 2.0 webhook after its 1.0 one, each rule twin after its rule. */
export function planWriteEdits(plan: Plan, account: AccountFile): AccountEdit[] {
  const edits: AccountEdit[] = [];
  for (const unit of plan.units) {
    if (unit.create)
      edits.push({
        kind: 'insert-webhook',
        afterIndex: unit.v1.index,
        webhook: webhookObject(unit, account),
      });
    for (const t of unit.twins)
      edits.push({ kind: 'insert-rule', afterIndex: t.of, rule: ruleObject(t.rule) });
  }
  return edits;
}

/** The disable step's edits: `enabled: false` on each of these 1.0 webhooks (found by key). */
export function planDisableEdits(account: AccountFile, v1Keys: readonly string[]): AccountEdit[] {
  const edits: AccountEdit[] = [];
  account.webhooks.forEach((w, index) => {
    if (w.version === 1 && v1Keys.includes(w.key) && w.enabled)
      edits.push({ kind: 'set-enabled', index, enabled: false });
  });
  return edits;
}
