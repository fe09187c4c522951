import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AccountFile, WebhookV2 } from '../../src/core/account/schema.js';
import { describeScope, scopeKey } from '../../src/core/account/scope.js';
import { validateAccount } from '../../src/core/account/validate.js';
import { ACCOUNT_FILE_LIMITS } from '../../src/core/input/limits.js';
import { parseDocumentText } from '../../src/core/input/parse-document.js';
import { fileStem, planMigration, type PlanSource } from '../../src/core/migrate/plan.js';
import { CONVERSION_RULES } from '../../src/core/migrate/rules/index.js';
import type { ConversionRule, RuleContext, RuleOutput } from '../../src/core/migrate/rules/rule.js';
import type { Plan, PlanOptions } from '../../src/core/migrate/types.js';
import { FIXTURES } from '../helpers/bin.js';

// One folder per conversion rule, one sub-folder per scenario (as @turbo/codemod's
// __fixtures__/<transform>/<scenario>/): `account.yaml` is the input, `options.json` the
// migrate options over the defaults (optional), `expected.json` what the rule contributes for
// each planned 1.0 webhook (`output`, exact) and, optionally, the part of the whole plan it
// shapes (`plan`, a subset match: arrays compare whole).

const RULES_DIR = join(FIXTURES, 'rules');
const DEFAULTS: PlanOptions = {
  incomplete: false,
  keepV1: false,
  skipVerify: false,
  allowInsecureHost: false,
  queryToken: 'keep',
};

interface Expected {
  output: Record<string, RuleOutput>;
  plan?: Partial<Plan>;
}

interface Scenario {
  rule: ConversionRule;
  name: string;
  account: AccountFile;
  options: PlanOptions;
  expected: Expected;
}

function loadAccount(file: string): AccountFile {
  const p = parseDocumentText(readFileSync(file, 'utf8'), 'yaml', ACCOUNT_FILE_LIMITS);
  if (!p.ok) throw new Error(`${file}: ${JSON.stringify(p.problems)}`);
  const v = validateAccount(p.value);
  if (!v.ok) throw new Error(`${file}: ${JSON.stringify(v.problems)}`);
  return v.account;
}

/** Sub-folders only (a README may sit beside them). */
function folders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

function scenarios(rule: ConversionRule): Scenario[] {
  const dir = join(RULES_DIR, rule.id);
  return folders(dir).map((name) => {
    const at = (f: string): string => join(dir, name, f);
    const options = existsSync(at('options.json'))
      ? (JSON.parse(readFileSync(at('options.json'), 'utf8')) as Partial<PlanOptions>)
      : {};
    return {
      rule,
      name,
      account: loadAccount(at('account.yaml')),
      options: { ...DEFAULTS, ...options },
      expected: JSON.parse(readFileSync(at('expected.json'), 'utf8')) as Expected,
    };
  });
}

const SOURCE: PlanSource = { file: 'account.yaml', format: 'yaml', sourceSha256: 'a'.repeat(64) };

/**
 * The context planMigration gives the rules for each enabled, selected 1.0 webhook (its v2 key
 * taken from the plan, where the rules that ran before this one are already reflected).
 */
function contexts(account: AccountFile, plan: Plan): Map<string, RuleContext> {
  const names = new Map((account.websites ?? []).map((w) => [w.id, w.name]));
  const out = new Map<string, RuleContext>();
  account.webhooks.forEach((v1, v1Index) => {
    if (v1.version !== 1 || !v1.enabled) return;
    if (plan.options.only && !plan.options.only.includes(v1.key)) return;
    const index = account.webhooks.findIndex(
      (w) => w.version === 2 && scopeKey(w.scope) === scopeKey(v1.scope),
    );
    const existing =
      index >= 0 ? { webhook: account.webhooks[index] as WebhookV2, index } : undefined;
    const unit = plan.units.find((u) => u.v1.key === v1.key);
    const v2Key = existing?.webhook.key ?? unit?.v2Key;
    if (v2Key === undefined) throw new Error(`no 2.0 key planned for ${v1.key}`);
    out.set(v1.key, {
      account,
      v1,
      v1Index,
      scopeLabel: describeScope(v1.scope, names),
      v2Key,
      mode: existing ? 'adopt' : 'create',
      ...(existing ? { existing } : {}),
      options: plan.options,
      fileStem: fileStem(SOURCE.file),
    });
  });
  return out;
}

describe('conversion rule fixtures (fixtures/rules/<rule>/<scenario>/)', () => {
  it('every rule of the index has a fixture folder with at least two scenarios, and no folder is orphaned', () => {
    const ids = CONVERSION_RULES.map((r) => r.id);
    expect(folders(RULES_DIR)).toEqual([...ids].sort());
    for (const id of ids) expect(folders(join(RULES_DIR, id)).length, id).toBeGreaterThanOrEqual(2);
  });

  describe.each(CONVERSION_RULES.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
    it.each(scenarios(rule).map((s) => [s.name, s] as const))('%s', (_name, s) => {
      const plan = planMigration(s.account, SOURCE, s.options);
      const ctxs = contexts(s.account, plan);
      // The fixture names every webhook the rule sees, and what it gives for each.
      expect(Object.keys(s.expected.output).sort()).toEqual([...ctxs.keys()].sort());
      for (const [key, ctx] of ctxs) expect(rule.apply(ctx), key).toEqual(s.expected.output[key]);
      if (s.expected.plan) expect(plan).toMatchObject(s.expected.plan);
    });
  });
});
