import { indexAccount } from '../account/account-index.js';
import type { AccountFile, PushRule, WebhookV2 } from '../account/schema.js';
import { describeScope } from '../account/scope.js';
import { BACK_OFFICE } from '../assumptions.js';
import { maskUrl } from '../redact.js';
import { MESSAGES } from '../../messages/index.js';
import { buildRunbook, describeSecretSource, type RunbookStep } from './runbook.js';
import { isTokenParam } from './rules/v1-url.js';
import { nextStep, type StagesDoc, type WebhookStages } from './stages.js';

const C = MESSAGES.migrate.cutover;
const R = MESSAGES.migrate.runbook;

/** One row of `qwh migrate status` (no secret: keys, stage, counts, times). */
export interface StatusRow {
  v1Key: string;
  v2Key: string;
  stage: WebhookStages['stage'];
  since: string;
  by: string;
  evidence: string;
  acceptedGap?: WebhookStages['acceptedGap'];
  lost: Array<{ id: string; campaign: string; website: string }>;
  next: string;
}

/** The one command to run next for a webhook. */
export function nextCommand(w: WebhookStages, file: string): string {
  const n = nextStep(w);
  return C.next[n](file, w.v1Key);
}

/** One evidence line of a webhook (counts only). */
export function evidenceText(w: WebhookStages): string {
  const e = w.evidence;
  if (!e) return C.noEvidence;
  return C.evidence({
    verified: e.verified,
    lost: e.lost.length,
    paired: e.paired,
    v2Only: e.v2Only.length,
    window: Math.floor(e.windowMinutes),
    ...(e.lastRealDelivery ? { last: e.lastRealDelivery } : {}),
  });
}

/** The status table's rows, in the stages document's order. */
export function statusRows(doc: StagesDoc, file: string): StatusRow[] {
  return doc.webhooks.map((w) => {
    const last = w.history[w.history.length - 1];
    return {
      v1Key: w.v1Key,
      v2Key: w.v2Key,
      stage: w.stage,
      since: last?.at ?? '',
      by: last?.by ?? '',
      evidence: evidenceText(w),
      ...(w.acceptedGap ? { acceptedGap: w.acceptedGap } : {}),
      lost: (w.evidence?.lost ?? []).map(({ id, campaign, website }) => ({
        id,
        campaign,
        website,
      })),
      next: nextCommand(w, file),
    };
  });
}

function ruleText(a: AccountFile, r: PushRule): string {
  if (r.level === 'default' || r.target === undefined)
    return `${R.levels.default} (${R.wholeAccount})`;
  const name = indexAccount(a).names[r.level].get(r.target);
  return `${R.levels[r.level]} ${r.target}${name ? ` (${name})` : ''}`;
}

/**
 * The back-office steps of a webhook's current stage, every value shown or named by the file
 * to paste it from (secrets, and a host that keeps a query token, are never shown).
 */
export function stageSteps(account: AccountFile, w: WebhookStages, file: string): RunbookStep[] {
  const websiteNames = new Map((account.websites ?? []).map((x) => [x.id, x.name]));
  const i1 = account.webhooks.findIndex((x) => x.key === w.v1Key);
  const v1 = account.webhooks[i1];
  const v1Label = v1
    ? `${v1.key} (${describeScope(v1.scope, websiteNames)}${v1.version === 1 ? `, ${maskUrl(v1.url, isTokenParam)}` : ''})`
    : w.v1Key;
  const title = C.rbTitle(w.v1Key, w.stage);
  const say = (items: string[], where = ''): RunbookStep[] => [
    { title, where, items: items.map((label) => ({ label, value: '' })) },
  ];
  switch (w.stage) {
    case 'planned':
      return plannedSteps(account, w, file);
    case 'configured':
      return say([C.rbVerify(file)]);
    case 'receiver-ready':
    case 'delivering':
      return say([C.rbKeepBoth, C.rbCapture, C.rbObserve(file)]);
    case 'reconciled':
      return say([C.rbTurnOff(v1Label), C.rbConfirmOff(file, w.v1Key)], BACK_OFFICE.webhook1);
    case 'v1-off': {
      const rules = account.pushRules.filter((r) => r.destination === w.v1Key);
      return say(
        [
          C.rbDelete(v1Label),
          ...rules.map((r) => C.rbDeleteRule(ruleText(account, r))),
          C.rbConfirmDeleted(file, w.v1Key),
        ],
        `${BACK_OFFICE.webhook1}; ${BACK_OFFICE.pushRules}`,
      );
    }
    case 'v1-deleted':
      return say([C.rbDone]);
  }
}

/** Stage `planned`: configure 2.0 and the rule twins (the apply runbook), hand off, confirm. */
function plannedSteps(account: AccountFile, w: WebhookStages, file: string): RunbookStep[] {
  const rb = buildRunbook(account, [
    { v1Key: w.v1Key, v2Key: w.v2Key, v1: { do: 'keep-on', reason: 'until-reconciled' } },
  ]);
  const i2 = account.webhooks.findIndex((x) => x.key === w.v2Key);
  const v2 = account.webhooks[i2] as WebhookV2 | undefined;
  const steps = rb.steps.filter((s) => s.where !== BACK_OFFICE.webhook1);
  if (v2 && maskUrl(v2.host, isTokenParam) !== v2.host)
    for (const s of steps)
      for (const it of s.items)
        if (it.label === R.fields.host) it.value = C.rbHostFrom(it.value, file, i2);
  const hand: string[] = [];
  const refs = v2 ? [v2.secret, v2.authHeader?.value] : [];
  for (const ref of refs) {
    if (!ref || typeof ref === 'string') continue;
    hand.push('file' in ref ? C.rbHandOff(ref.file) : C.rbHandOffEnv(ref.env));
  }
  hand.push(C.rbConfirmConfigured(file, w.v1Key));
  steps.push({
    title: C.rbTitle(w.v1Key, w.stage),
    where: '',
    items: hand.map((label) => ({ label, value: '' })),
    note: `${R.fields.secret}: ${v2?.secret ? describeSecretSource(v2.secret) : R.noSecret}`,
  });
  return steps;
}

/** The runbook of every webhook at its current stage. */
export function stageRunbook(
  account: AccountFile,
  doc: StagesDoc,
  file: string,
): { account: string; webhooks: Array<{ v1Key: string; stage: string; steps: RunbookStep[] }> } {
  return {
    account: `${account.account.name} (${account.account.id})`,
    webhooks: doc.webhooks.map((w) => ({
      v1Key: w.v1Key,
      stage: w.stage,
      steps: stageSteps(account, w, file),
    })),
  };
}
