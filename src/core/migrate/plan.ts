import type { AccountFile, WebhookV2 } from '../account/schema.js';
import { describeScope, scopeKey } from '../account/scope.js';
import { maskUrl } from '../redact.js';
import { routingBlockers } from '../routing/blockers.js';
import { CONVERSION_RULES } from './rules/index.js';
import type { RuleContext } from './rules/rule.js';
import { isTokenParam } from './rules/v1-url.js';
import {
  PLAN_VERSION,
  type NeedsHuman,
  type Plan,
  type PlanOptions,
  type PlanUnit,
  type PlannedWebhookV2,
  type SkippedWebhook,
} from './types.js';

/** The account file a plan is made from: its name as shown, format and content hash. */
export interface PlanSource {
  file: string;
  format: 'json' | 'yaml';
  sourceSha256: string;
}

const MAX_KEY = 64;

/**
 * The file's name without its folder, extension kept: names the folder of its secret files, so
 * `a.yaml` and `a.json` (and the default `qualifio-account.yaml|json`) never share secrets.
 */
export function fileStem(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base === '' || base === '.' || base === '..' ? 'account' : base;
}

/** `<key>-v2`, or `<key>-v2-2`, … when taken by a webhook or named by a push rule (another integration). */
function freeKey(base: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '-v2' : `-v2-${n}`;
    const key = base.slice(0, MAX_KEY - suffix.length) + suffix;
    if (!taken.has(key)) {
      taken.add(key);
      return key;
    }
  }
}

/** Options in a canonical form, so equal choices give byte-equal plans. */
export function normalizeOptions(o: PlanOptions): PlanOptions {
  return {
    ...(o.secretEnv ? { secretEnv: o.secretEnv } : {}),
    incomplete: o.incomplete,
    keepV1: o.keepV1,
    skipVerify: o.skipVerify,
    allowInsecureHost: o.allowInsecureHost,
    ...(o.only ? { only: [...new Set(o.only)].sort() } : {}),
    queryToken: o.queryToken,
  };
}

/**
 * Plans the move of every enabled 1.0 webhook to 2.0: pure and deterministic (same file and
 * options → same plan), serialisable and free of secrets (new secrets are referenced by the
 * file they will be written to; their values are made at apply).
 */
export function planMigration(
  account: AccountFile,
  source: PlanSource,
  rawOptions: PlanOptions,
): Plan {
  const options = normalizeOptions(rawOptions);
  const stem = fileStem(source.file);
  const websiteNames = new Map((account.websites ?? []).map((w) => [w.id, w.name]));
  const taken = new Set<string>(account.webhooks.map((w) => w.key));
  for (const r of account.pushRules) if (r.destination !== null) taken.add(r.destination);
  const v2ByScope = new Map<string, { webhook: WebhookV2; index: number }>();
  account.webhooks.forEach((w, index) => {
    if (w.version === 2) v2ByScope.set(scopeKey(w.scope), { webhook: w, index });
  });

  const units: PlanUnit[] = [];
  const skipped: SkippedWebhook[] = [];
  const needsHuman: NeedsHuman[] = [];
  account.webhooks.forEach((v1, v1Index) => {
    if (v1.version !== 1) return;
    const existing = v2ByScope.get(scopeKey(v1.scope));
    if (!v1.enabled) {
      skipped.push({ key: v1.key, reason: existing ? 'migrated' : 'disabled' });
      return;
    }
    if (options.only && !options.only.includes(v1.key)) {
      skipped.push({ key: v1.key, reason: 'not-selected' });
      return;
    }
    const mode = existing ? 'adopt' : 'create';
    const ctx: RuleContext = {
      account,
      v1,
      v1Index,
      scopeLabel: describeScope(v1.scope, websiteNames),
      v2Key: existing ? existing.webhook.key : freeKey(v1.key, taken),
      mode,
      ...(existing ? { existing } : {}),
      options,
      fileStem: stem,
    };
    const unit: PlanUnit = {
      v1: {
        key: v1.key,
        index: v1Index,
        scope: v1.scope,
        scopeLabel: ctx.scopeLabel,
        url: maskUrl(v1.url, isTokenParam),
      },
      mode,
      v2Key: ctx.v2Key,
      twins: [],
      secretFiles: [],
      verify: !options.skipVerify,
      disableV1: false,
    };
    let create: Partial<PlannedWebhookV2> = {};
    const unitNeeds: NeedsHuman[] = [];
    for (const rule of CONVERSION_RULES) {
      const out = rule.apply(ctx);
      if (out.needsHuman) unitNeeds.push(...out.needsHuman);
      if (out.stop) {
        skipped.push({ key: v1.key, reason: out.stop });
        needsHuman.push(...unitNeeds);
        return;
      }
      if (out.create) create = { ...create, ...out.create };
      if (out.twins) unit.twins.push(...out.twins);
      if (out.secretFiles) unit.secretFiles.push(...out.secretFiles);
      if (out.disableV1 !== undefined) unit.disableV1 = out.disableV1;
    }
    if (mode === 'create') unit.create = completeWebhook(create);
    if (mode === 'adopt' && unit.twins.length === 0 && !unit.disableV1) {
      skipped.push({ key: v1.key, reason: 'migrated' });
      return;
    }
    units.push(unit);
    needsHuman.push(...unitNeeds);
  });

  // Where every known target goes after the plan, against today: a lost delivery blocks.
  needsHuman.push(...routingBlockers(account, units));

  const counts = {
    webhooks: units.filter((u) => u.create).length,
    ruleTwins: units.reduce((n, u) => n + u.twins.length, 0),
    disables: units.filter((u) => u.disableV1).length,
    secretFiles: units.reduce((n, u) => n + u.secretFiles.length, 0),
  };
  return {
    planVersion: PLAN_VERSION,
    tool: 'qwh',
    file: source.file,
    format: source.format,
    sourceSha256: source.sourceSha256,
    options,
    units,
    skipped,
    needsHuman,
    counts,
    changes: counts.webhooks + counts.ruleTwins + counts.disables,
    blocked: needsHuman.some((n) => n.severity === 'blocker'),
  };
}

/** Puts the rules' contributions in the field order the file shows (and checks none is missing). */
function completeWebhook(p: Partial<PlannedWebhookV2>): PlannedWebhookV2 {
  if (
    p.key === undefined ||
    p.name === undefined ||
    p.scope === undefined ||
    p.host === undefined ||
    p.secret === undefined ||
    p.incompleteParticipations === undefined
  ) {
    throw new Error('conversion rules left a 2.0 webhook incomplete');
  }
  return {
    key: p.key,
    name: p.name,
    scope: p.scope,
    host: p.host,
    dropQueryParams: p.dropQueryParams ?? [],
    incompleteParticipations: p.incompleteParticipations,
    ...(p.authHeader ? { authHeader: p.authHeader } : {}),
    secret: p.secret,
  };
}
