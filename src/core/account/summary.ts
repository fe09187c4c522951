import { TOKEN_QUERY_PARAM } from '../assumptions.js';
import { maskUrl } from '../redact.js';
import type { AccountFile, RuleLevel, SecretRef } from './schema.js';
import { RULE_LEVELS } from './schema.js';
import { describeScope, scopeKey } from './scope.js';
import { byCodeUnits } from '../order.js';

export interface WebhookSummary {
  key: string;
  version: 1 | 2;
  scope: string;
  scopeLabel: string;
  enabled: boolean;
  /** 1.0 url or 2.0 host, credentials masked. */
  url: string;
  name?: string;
  incompleteParticipations?: boolean;
  authHeader?: { name: string; value: string };
  secret?: string;
}

export interface RuleSummary {
  index: number;
  level: RuleLevel;
  target?: number;
  targetLabel: string;
  campaignMode?: string;
  destination: string | null;
  destinationKind: 'webhook-v1' | 'webhook-v2' | 'other-integration' | 'exclusion';
}

export interface AccountSummary {
  account: { id: number; name: string };
  webhooks: WebhookSummary[];
  rules: RuleSummary[];
  counts: {
    webhooksV1: number;
    webhooksV2: number;
    rules: number;
    rulesByLevel: Record<RuleLevel, number>;
  };
}

/** Where a secret comes from, never its value. */
export function describeSecretRef(ref: SecretRef): string {
  if (typeof ref === 'string') return 'literal in file (masked)';
  return 'env' in ref ? `env ${ref.env}` : `file ${ref.file}`;
}

/** What an account file holds, secrets masked: webhooks by scope and version, rules by level. */
export function summarizeAccount(a: AccountFile): AccountSummary {
  const websiteNames = new Map((a.websites ?? []).map((w) => [w.id, w.name]));
  const names: Record<Exclude<RuleLevel, 'default'>, Map<number, string>> = {
    website: websiteNames,
    masterForm: new Map((a.masterForms ?? []).map((m) => [m.id, m.name])),
    campaign: new Map((a.campaigns ?? []).map((c) => [c.id, c.name])),
  };
  const byKey = new Map(a.webhooks.map((w) => [w.key, w]));
  const isToken = (k: string): boolean => TOKEN_QUERY_PARAM.test(k);
  const webhooks = [...a.webhooks]
    .sort((x, y) => byCodeUnits(scopeKey(x.scope), scopeKey(y.scope)) || x.version - y.version)
    .map((w): WebhookSummary => {
      const base = {
        key: w.key,
        version: w.version,
        scope: scopeKey(w.scope),
        scopeLabel: describeScope(w.scope, websiteNames),
        enabled: w.enabled,
      };
      if (w.version === 1) return { ...base, url: maskUrl(w.url, isToken) };
      return {
        ...base,
        url: maskUrl(w.host, isToken),
        name: w.name,
        incompleteParticipations: w.incompleteParticipations,
        ...(w.authHeader
          ? {
              authHeader: { name: w.authHeader.name, value: describeSecretRef(w.authHeader.value) },
            }
          : {}),
        ...(w.secret ? { secret: describeSecretRef(w.secret) } : {}),
      };
    });
  const rulesByLevel = Object.fromEntries(RULE_LEVELS.map((l) => [l, 0])) as Record<
    RuleLevel,
    number
  >;
  const rules = a.pushRules.map((r, index): RuleSummary => {
    rulesByLevel[r.level]++;
    const dest = r.destination === null ? undefined : byKey.get(r.destination);
    const targetLabel =
      r.level === 'default' || r.target === undefined
        ? 'account'
        : `${r.level} ${r.target}${names[r.level].get(r.target) ? ` (${names[r.level].get(r.target)})` : ''}`;
    return {
      index,
      level: r.level,
      ...(r.target !== undefined ? { target: r.target } : {}),
      targetLabel,
      ...(r.campaignMode ? { campaignMode: r.campaignMode } : {}),
      destination: r.destination,
      destinationKind:
        r.destination === null
          ? 'exclusion'
          : dest
            ? dest.version === 1
              ? 'webhook-v1'
              : 'webhook-v2'
            : 'other-integration',
    };
  });
  return {
    account: { id: a.account.id, name: a.account.name },
    webhooks,
    rules,
    counts: {
      webhooksV1: a.webhooks.filter((w) => w.version === 1).length,
      webhooksV2: a.webhooks.filter((w) => w.version === 2).length,
      rules: rules.length,
      rulesByLevel,
    },
  };
}
