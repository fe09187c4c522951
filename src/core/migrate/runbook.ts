import { indexAccount } from '../account/account-index.js';
import type { AccountFile, PushRule, SecretRef, WebhookV1, WebhookV2 } from '../account/schema.js';
import { describeScope, scopeKey } from '../account/scope.js';
import { maskUrl, MASK } from '../redact.js';
import { MESSAGES } from '../../messages/index.js';
import { BACK_OFFICE, SAME_TARGET_RULES_ALL_APPLY } from '../assumptions.js';
import { isTokenParam } from './rules/v1-url.js';

/** What to do with a 1.0 webhook in the back office, and why. */
export type V1Action =
  | { do: 'turn-off' }
  | {
      do: 'keep-on';
      reason:
        | 'not-verified'
        | 'keep-v1'
        | 'skip-verify'
        | 'enabled-in-file'
        | 'until-reconciled'
        | 'awaiting-hand-off';
    };

/** One 1.0 → 2.0 pair the runbook covers. */
export interface RunbookPair {
  v1Key: string;
  v2Key: string;
  v1: V1Action;
}

/** One back-office step: where to go, and the fields or rules to set there. */
export interface RunbookStep {
  title: string;
  where: string;
  items: Array<{ label: string; value: string }>;
  note?: string;
}

export interface Runbook {
  account: string;
  steps: RunbookStep[];
}

const M = MESSAGES.migrate.runbook;

/** How a secret field is filled in, never its value. */
export function describeSecretSource(ref: SecretRef, prefix = ''): string {
  if (typeof ref === 'string') return M.secretLiteral;
  if ('env' in ref) return M.secretEnv(ref.env);
  return M.secretFile(prefix, ref.file);
}

/** A rule as the back office lists it: `default (whole account)`, `campaign 99888 (Winter contest)`, `website 1234 (News), campaign mode both`. */
function ruleLabel(a: AccountFile, r: PushRule): string {
  const mode = r.campaignMode ? `, ${M.campaignMode} ${r.campaignMode}` : '';
  return `${targetLabel(a, r)}${mode}`;
}

function targetLabel(a: AccountFile, r: PushRule): string {
  if (r.level === 'default' || r.target === undefined)
    return `${M.levels.default} (${M.wholeAccount})`;
  const name = indexAccount(a).names[r.level].get(r.target);
  return `${M.levels[r.level]} ${r.target}${name ? ` (${name})` : ''}`;
}

/** Pairs to describe when nothing was planned: every 2.0 webhook with a 1.0 one at its scope. */
export function inferPairs(account: AccountFile): RunbookPair[] {
  const v2 = new Map<string, WebhookV2>();
  for (const w of account.webhooks) if (w.version === 2) v2.set(scopeKey(w.scope), w);
  const pairs: RunbookPair[] = [];
  for (const w of account.webhooks) {
    const twin = w.version === 1 ? v2.get(scopeKey(w.scope)) : undefined;
    if (w.version === 1 && twin)
      pairs.push({
        v1Key: w.key,
        v2Key: twin.key,
        v1: w.enabled ? { do: 'keep-on', reason: 'enabled-in-file' } : { do: 'turn-off' },
      });
  }
  return pairs;
}

/**
 * The back-office steps that carry the file's 2.0 setup out in Qualifio (which has no API):
 * configure each 2.0 webhook, add its push rules, then turn 1.0 off where verified. Secrets
 * are never in it: only where to read them.
 */
export function buildRunbook(account: AccountFile, pairs: readonly RunbookPair[]): Runbook {
  const websiteNames = new Map((account.websites ?? []).map((w) => [w.id, w.name]));
  const byKey = new Map(account.webhooks.map((w) => [w.key, w]));
  const steps: RunbookStep[] = [];
  for (const p of pairs) {
    const w = byKey.get(p.v2Key);
    if (!w || w.version !== 2) continue;
    const items: RunbookStep['items'] = [
      { label: M.fields.name, value: w.name },
      { label: M.fields.host, value: maskUrl(w.host, isTokenParam) },
      { label: M.fields.incomplete, value: w.incompleteParticipations ? M.yes : M.no },
    ];
    if (w.authHeader) {
      items.push({ label: M.fields.authName, value: w.authHeader.name });
      items.push({
        label: M.fields.authValue,
        value: describeSecretSource(w.authHeader.value, `${MASK} — `),
      });
    }
    items.push({
      label: M.fields.secret,
      value: w.secret ? describeSecretSource(w.secret) : M.noSecret,
    });
    steps.push({
      title: M.configureTitle(describeScope(w.scope, websiteNames)),
      where:
        w.scope === 'account'
          ? BACK_OFFICE.webhook2
          : M.withWebsite(BACK_OFFICE.webhook2, describeScope(w.scope, websiteNames)),
      items,
      note: M.secretCacheNote,
    });
  }
  const ruleItems: RunbookStep['items'] = [];
  for (const p of pairs) {
    const w = byKey.get(p.v2Key);
    if (!w) continue;
    for (const i of indexAccount(account).rulesByDestination.get(p.v2Key) ?? []) {
      const r = account.pushRules[i]!;
      ruleItems.push({
        label: ruleLabel(account, r),
        value: M.destinationV2(w.version === 2 ? w.name : w.key),
      });
    }
  }
  if (ruleItems.length > 0)
    steps.push({
      // A twin is a second rule (the assumption), so the step says "add a rule", not "edit it".
      title: SAME_TARGET_RULES_ALL_APPLY ? M.rulesTitle : M.rulesTitleOneRule,
      where: SAME_TARGET_RULES_ALL_APPLY
        ? M.addRule(BACK_OFFICE.pushRules, BACK_OFFICE.addRule)
        : BACK_OFFICE.pushRules,
      items: ruleItems,
      note: SAME_TARGET_RULES_ALL_APPLY ? M.rulesNote : M.rulesNoteOneRule,
    });
  const off = pairs.filter((p) => p.v1.do === 'turn-off');
  const on = pairs.filter((p) => p.v1.do === 'keep-on');
  const v1Label = (key: string): string => {
    const w = byKey.get(key) as WebhookV1 | undefined;
    return w
      ? `${key} (${describeScope(w.scope, websiteNames)}, ${maskUrl(w.url, isTokenParam)})`
      : key;
  };
  if (off.length > 0)
    steps.push({
      title: M.turnOffTitle,
      where: BACK_OFFICE.webhook1,
      items: off.map((p) => ({ label: v1Label(p.v1Key), value: M.turnOff })),
      note: M.turnOffNote,
    });
  if (on.length > 0)
    steps.push({
      title: M.keepOnTitle,
      where: BACK_OFFICE.webhook1,
      items: on.map((p) => ({
        label: v1Label(p.v1Key),
        value: M.keepOnReason[p.v1.do === 'keep-on' ? p.v1.reason : 'not-verified'],
      })),
    });
  return { account: `${account.account.name} (${account.account.id})`, steps };
}

/** What the back office must undo after a rollback: 2.0 webhooks and rules the run added, 1.0 it turned off. */
export function buildRevertSteps(before: AccountFile, after: AccountFile): RunbookStep[] {
  const websiteNames = new Map((after.websites ?? []).map((w) => [w.id, w.name]));
  const beforeKeys = new Set(before.webhooks.map((w) => w.key));
  const added = after.webhooks.filter((w) => w.version === 2 && !beforeKeys.has(w.key));
  const ruleKey = (r: PushRule): string =>
    `${r.level}|${r.target ?? ''}|${r.campaignMode ?? ''}|${r.destination ?? ''}`;
  const beforeRules = new Set(before.pushRules.map(ruleKey));
  const addedRules = after.pushRules.filter((r) => !beforeRules.has(ruleKey(r)));
  const reEnable = after.webhooks.filter(
    (w) =>
      w.version === 1 && !w.enabled && before.webhooks.some((b) => b.key === w.key && b.enabled),
  );
  const afterKeys = new Set(after.webhooks.map((w) => w.key));
  const deleted = before.webhooks.filter(
    (w): w is WebhookV1 => w.version === 1 && !afterKeys.has(w.key),
  );
  const steps: RunbookStep[] = [];
  if (deleted.length > 0)
    steps.push({
      title: MESSAGES.migrate.cutover.recreateV1Title,
      where: BACK_OFFICE.webhook1,
      items: [
        ...deleted.map((w) => ({
          label: `${w.key} (${describeScope(w.scope, websiteNames)})`,
          value: MESSAGES.migrate.cutover.recreateV1(maskUrl(w.url, isTokenParam)),
        })),
        ...before.pushRules
          .filter((r) => deleted.some((w) => w.key === r.destination))
          .map((r) => ({
            label: ruleLabel(before, r),
            value: MESSAGES.migrate.cutover.recreateRule(r.destination ?? ''),
          })),
      ],
    });
  if (reEnable.length > 0)
    steps.push({
      title: M.revertEnableTitle,
      where: BACK_OFFICE.webhook1,
      items: reEnable.map((w) => ({
        label: `${w.key} (${describeScope(w.scope, websiteNames)})`,
        value: M.turnOn,
      })),
      note: M.revertEnableNote,
    });
  if (addedRules.length > 0)
    steps.push({
      title: M.revertRulesTitle,
      where: BACK_OFFICE.pushRules,
      items: addedRules.map((r) => ({
        label: ruleLabel(after, r),
        value: M.destinationKey(r.destination ?? ''),
      })),
    });
  if (added.length > 0)
    steps.push({
      title: M.revertV2Title,
      where: BACK_OFFICE.webhook2,
      items: added.map((w) => ({
        label: `${w.key} (${describeScope(w.scope, websiteNames)})`,
        value: M.turnOffOrRemove,
      })),
      note: M.revertV2Note,
    });
  return steps;
}
