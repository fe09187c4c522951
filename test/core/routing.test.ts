import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AccountFile } from '../../src/core/account/schema.js';
import { validateAccount } from '../../src/core/account/validate.js';
import { ACCOUNT_FILE_LIMITS } from '../../src/core/input/limits.js';
import { parseDocumentText } from '../../src/core/input/parse-document.js';
import { planMigration } from '../../src/core/migrate/plan.js';
import { previewPlan } from '../../src/core/migrate/preview.js';
import type { Plan, PlanOptions } from '../../src/core/migrate/types.js';
import { accountAfterPlan } from '../../src/core/routing/after-plan.js';
import { planRouting, routingBlockers } from '../../src/core/routing/blockers.js';
import { compareRouting, routesOf } from '../../src/core/routing/compare.js';
import { targetLabel } from '../../src/core/routing/labels.js';
import {
  deliveredKeys,
  routeParticipation,
  type ParticipationContext,
} from '../../src/core/routing/route.js';
import { MESSAGES } from '../../src/messages/index.js';
import { FIXTURES } from '../helpers/bin.js';

const OPTS: PlanOptions = {
  incomplete: false,
  keepV1: false,
  skipVerify: false,
  allowInsecureHost: false,
  queryToken: 'keep',
};
const SRC = { file: 'acme.yaml', format: 'yaml' as const, sourceSha256: 'a'.repeat(64) };

const WEBHOOKS = [
  { key: 'main', version: 1, scope: 'account', url: 'https://h.example/1' },
  { key: 'news', version: 1, scope: { website: 10 }, url: 'https://h.example/news' },
  {
    key: 'main-v2',
    version: 2,
    scope: 'account',
    name: 'Main',
    host: 'https://h.example/2',
  },
  {
    key: 'old',
    version: 1,
    scope: { website: 11 },
    url: 'https://h.example/old',
    enabled: false,
  },
];

function account(pushRules: unknown[], webhooks: unknown[] = WEBHOOKS): AccountFile {
  const v = validateAccount({ version: 1, account: { id: 1, name: 'Acme' }, webhooks, pushRules });
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.account;
}

function load(name: string): { account: AccountFile; text: string; data: unknown } {
  const text = readFileSync(join(FIXTURES, 'accounts', name), 'utf8');
  const p = parseDocumentText(text, 'yaml', ACCOUNT_FILE_LIMITS);
  if (!p.ok) throw new Error('fixture does not parse');
  const v = validateAccount(p.value);
  if (!v.ok) throw new Error('fixture invalid');
  return { account: v.account, text, data: p.value };
}

const ID = 'identified' as const;
const AN = 'anonymous' as const;
/** A participation on website 10, Master Form 7, campaign 5 (each only where a case says). */
const at = (kind: 'identified' | 'anonymous', over: Partial<ParticipationContext> = {}) => ({
  kind,
  ...over,
});
const def = (destination: string | null) => ({ level: 'default', destination });
const site = (mode: string, destination: string | null, target = 10) => ({
  level: 'website',
  target,
  campaignMode: mode,
  destination,
});
const form = (destination: string | null) => ({ level: 'masterForm', target: 7, destination });
const camp = (destination: string | null) => ({ level: 'campaign', target: 5, destination });
const FULL = { websiteId: 10, masterFormId: 7, campaignId: 5 };

interface Case {
  name: string;
  rules: unknown[];
  ctx: ParticipationContext;
  to: string[];
  level: string;
  excluded?: boolean;
}

const CASES: Case[] = [
  // each level alone
  {
    name: 'default alone, identified',
    rules: [def('main')],
    ctx: at(ID),
    to: ['main'],
    level: 'default',
  },
  {
    name: 'default alone, anonymous: not pushed',
    rules: [def('main')],
    ctx: at(AN),
    to: [],
    level: 'none',
  },
  {
    name: 'website alone',
    rules: [site('both', 'news')],
    ctx: at(ID, { websiteId: 10 }),
    to: ['news'],
    level: 'website',
  },
  {
    name: 'website rule of another website',
    rules: [site('both', 'news', 12)],
    ctx: at(ID, { websiteId: 10 }),
    to: [],
    level: 'none',
  },
  {
    name: 'Master Form alone',
    rules: [form('main')],
    ctx: at(ID, { masterFormId: 7 }),
    to: ['main'],
    level: 'masterForm',
  },
  {
    name: 'campaign alone',
    rules: [camp('main')],
    ctx: at(ID, { campaignId: 5 }),
    to: ['main'],
    level: 'campaign',
  },
  {
    name: 'campaign alone, anonymous campaign',
    rules: [camp('main-v2')],
    ctx: at(AN, { campaignId: 5 }),
    to: ['main-v2'],
    level: 'campaign',
  },
  // precedence
  {
    name: 'campaign > Master Form > website > default',
    rules: [def('main'), site('both', 'news'), form('hubspot'), camp('main-v2')],
    ctx: at(ID, FULL),
    to: ['main-v2'],
    level: 'campaign',
  },
  {
    name: 'Master Form > website > default',
    rules: [def('main'), site('both', 'news'), form('hubspot')],
    ctx: at(ID, FULL),
    to: ['hubspot'],
    level: 'masterForm',
  },
  {
    name: 'website > default',
    rules: [def('main'), site('both', 'news')],
    ctx: at(ID, FULL),
    to: ['news'],
    level: 'website',
  },
  {
    name: 'default when nothing more specific',
    rules: [def('main'), site('both', 'news', 12)],
    ctx: at(ID, FULL),
    to: ['main'],
    level: 'default',
  },
  // exclusions at each level
  {
    name: 'campaign exclusion beats a website rule',
    rules: [site('both', 'news'), camp(null)],
    ctx: at(ID, FULL),
    to: [],
    level: 'campaign',
    excluded: true,
  },
  {
    name: 'Master Form exclusion',
    rules: [def('main'), form(null)],
    ctx: at(ID, FULL),
    to: [],
    level: 'masterForm',
    excluded: true,
  },
  {
    name: 'website exclusion',
    rules: [def('main'), site('identified', null)],
    ctx: at(ID, FULL),
    to: [],
    level: 'website',
    excluded: true,
  },
  {
    name: 'default exclusion',
    rules: [def(null)],
    ctx: at(ID),
    to: [],
    level: 'default',
    excluded: true,
  },
  {
    name: 'a campaign rule lifts a website exclusion',
    rules: [site('both', null), camp('main')],
    ctx: at(ID, FULL),
    to: ['main'],
    level: 'campaign',
  },
  {
    name: 'an exclusion beside a destination at the same level wins',
    rules: [camp('main'), camp(null)],
    ctx: at(ID, FULL),
    to: [],
    level: 'campaign',
    excluded: true,
  },
  // website rule per campaign mode
  {
    name: 'mode both, anonymous',
    rules: [site('both', 'news')],
    ctx: at(AN, { websiteId: 10 }),
    to: ['news'],
    level: 'website',
  },
  {
    name: 'mode identified, identified',
    rules: [site('identified', 'news')],
    ctx: at(ID, { websiteId: 10 }),
    to: ['news'],
    level: 'website',
  },
  {
    name: 'mode identified, anonymous: not pushed (default is identified only)',
    rules: [def('main'), site('identified', 'news')],
    ctx: at(AN, { websiteId: 10 }),
    to: [],
    level: 'none',
  },
  {
    name: 'mode anonymous, anonymous',
    rules: [site('anonymous', 'news')],
    ctx: at(AN, { websiteId: 10 }),
    to: ['news'],
    level: 'website',
  },
  {
    name: 'mode anonymous, identified falls to default',
    rules: [def('main'), site('anonymous', 'news')],
    ctx: at(ID, { websiteId: 10 }),
    to: ['main'],
    level: 'default',
  },
  // another integration
  {
    name: 'another integration receives identified campaigns',
    rules: [form('hubspot')],
    ctx: at(ID, FULL),
    to: ['hubspot'],
    level: 'masterForm',
  },
  {
    name: 'another integration never receives anonymous ones (the webhook is needed)',
    rules: [site('both', 'hubspot')],
    ctx: at(AN, { websiteId: 10 }),
    to: [],
    level: 'website',
  },
  // several rules on one target (the twin assumption)
  {
    name: 'a rule and its twin both apply',
    rules: [def('main'), def('main-v2')],
    ctx: at(ID),
    to: ['main', 'main-v2'],
    level: 'default',
  },
  {
    name: 'twins at the website level, anonymous',
    rules: [site('both', 'news'), site('both', 'main-v2')],
    ctx: at(AN, { websiteId: 10 }),
    to: ['news', 'main-v2'],
    level: 'website',
  },
];

describe('routeParticipation', () => {
  it.each(CASES)('$name', ({ rules, ctx, to, level, excluded }) => {
    const r = routeParticipation(account(rules), ctx);
    expect(r.destinations.map((d) => d.key)).toEqual(to);
    expect(r.level).toBe(level);
    expect(r.excluded).toBe(excluded ?? false);
  });

  it('names the deciding rules and the kind of each destination', () => {
    const a = account([def('main'), site('both', 'news'), camp('main-v2'), camp('hubspot')]);
    const r = routeParticipation(a, at(ID, FULL));
    expect(r.rules).toEqual([2, 3]);
    expect(r.destinations).toEqual([
      { key: 'main-v2', kind: 'webhook-v2', delivers: true },
      { key: 'hubspot', kind: 'integration', delivers: true },
    ]);
  });

  it('a turned-off webhook is named but delivers nothing', () => {
    const a = account([site('both', 'old', 11)]);
    const r = routeParticipation(a, at(ID, { websiteId: 11 }));
    expect(r.destinations).toEqual([{ key: 'old', kind: 'webhook-v1', delivers: false }]);
    expect(deliveredKeys(r)).toEqual([]);
  });
});

describe('routes of a file, before and after its plan', () => {
  it('acme: every known target in both kinds, and "any other campaign"', () => {
    const { account: a } = load('acme.yaml');
    const rows = routesOf(a).rows.map((r) => [targetLabel(r.target), deliveredKeys(r.before)]);
    expect(rows).toEqual([
      ['website 1234 (Acme News), identified campaigns', ['news']],
      ['website 1234 (Acme News), anonymous campaigns', ['news']],
      ['website 1235 (Acme Sport), identified campaigns', ['main']],
      ['website 1235 (Acme Sport), anonymous campaigns', []],
      ['Master Form 77 (Newsletter form)', ['hubspot']],
      ['campaign 99887 (Summer quiz), identified', []],
      ['campaign 99887 (Summer quiz), anonymous', []],
      ['campaign 99888 (Winter contest), identified', ['main']],
      ['campaign 99888 (Winter contest), anonymous', ['main']],
      ['any other campaign, identified', ['main']],
      ['any other campaign, anonymous', []],
    ]);
  });

  it('acme: its plan preserves routing; the structural "after" is the file apply writes, then 1.0 off (confirm v1-off)', () => {
    const { account: a, text, data } = load('acme.yaml');
    const plan = planMigration(a, SRC, OPTS);
    expect(plan.needsHuman.filter((n) => n.code === 'routing-not-preserved')).toEqual([]);
    const { report, after } = planRouting(a, plan.units);
    expect(report.plan).toMatchObject({ preserved: true, lostRows: 0, newlyPushedRows: 0 });
    expect(report.rows[0]!.after && deliveredKeys(report.rows[0]!.after)).toEqual(['news-v2']);
    const written = previewPlan(
      { text, format: 'yaml', data, account: a, name: 'acme.yaml' },
      plan,
    ).finalAccount;
    expect(after.pushRules).toEqual(written.pushRules);
    // Apply keeps 1.0 on for the dual run; the end state routing must match has it off.
    const migrated = new Set(plan.units.map((u) => u.v1.key));
    expect(written.webhooks.filter((w) => migrated.has(w.key)).map((w) => w.enabled)).toEqual([
      true,
      true,
    ]);
    expect(after.webhooks.map((w) => [w.key, w.version, w.enabled])).toEqual(
      written.webhooks.map((w) => [w.key, w.version, migrated.has(w.key) ? false : w.enabled]),
    );
  });

  it('a hand-made plan that drops one twin: the rows that lose deliveries, and a blocker', () => {
    const { account: a } = load('acme.yaml');
    const plan = planMigration(a, SRC, OPTS);
    // Drop the twin of `campaign 99888 → main` (pushRules[3]).
    const edited: Plan = structuredClone(plan);
    const unit = edited.units.find((u) => u.v1.key === 'main')!;
    unit.twins = unit.twins.filter((t) => t.of !== 3);
    const { report } = planRouting(a, edited.units);
    expect(report.plan?.preserved).toBe(false);
    const lost = report.rows.filter((r) => r.lost.length > 0);
    expect(lost.map((r) => [targetLabel(r.target), r.lost])).toEqual([
      ['campaign 99888 (Winter contest), identified', ['main-v2']],
      ['campaign 99888 (Winter contest), anonymous', ['main-v2']],
    ]);
    const [b, ...more] = routingBlockers(a, edited.units);
    expect(more).toEqual([]);
    expect(b).toMatchObject({
      code: 'routing-not-preserved',
      severity: 'blocker',
      webhook: 'main',
      path: ['pushRules', 3],
    });
    expect(b!.message).toBe(
      MESSAGES.routes.blocker(
        'main-v2',
        MESSAGES.routes.blockerFrom('main'),
        2,
        'campaign 99888 (Winter contest), identified; campaign 99888 (Winter contest), anonymous',
      ),
    );
    expect(b!.action).toContain(
      'pushRules[5] campaign 99888 (Winter contest) → main decides after the plan',
    );
  });

  it('a file where a 1.0 rule cannot get a working twin: planMigration blocks', () => {
    // The 2.0 webhook already at the scope is the same receiver (adopted) but turned off: once
    // 1.0 is off, nothing would receive what main received.
    const a = account(
      [def('main')],
      [
        { key: 'main', version: 1, scope: 'account', url: 'https://h.example/1' },
        {
          key: 'main2',
          version: 2,
          scope: 'account',
          name: 'Main',
          host: 'https://h.example/1',
          enabled: false,
        },
      ],
    );
    const plan = planMigration(a, SRC, OPTS);
    expect(plan.blocked).toBe(true);
    const b = plan.needsHuman.find((n) => n.code === 'routing-not-preserved');
    expect(b).toMatchObject({ webhook: 'main', path: ['pushRules', 0] });
    expect(b!.message).toContain('any other campaign, identified');
    expect(b!.action).toContain(MESSAGES.routes.cause.turnedOff('main2'));
  });

  it('newly pushed rows are shown and do not block', () => {
    // Before: anonymous campaigns of website 10 go to another integration (so nowhere).
    // After (hand-made): a 2.0 webhook takes them: newly pushed.
    const before = account([site('both', 'hubspot')]);
    const after = account([site('both', 'hubspot'), site('both', 'main-v2')]);
    const report = compareRouting(before, after, []);
    expect(report.plan).toMatchObject({ preserved: true, newlyPushedRows: 0 });
    const withSite = { ...before, websites: [{ id: 10, name: 'News' }] };
    const afterSite = { ...after, websites: [{ id: 10, name: 'News' }] };
    const r2 = compareRouting(withSite, afterSite, []);
    expect(r2.plan).toMatchObject({ preserved: true, newlyPushedRows: 2 });
    expect(
      r2.rows.filter((r) => r.newlyPushed.length > 0).map((r) => targetLabel(r.target)),
    ).toEqual([
      'website 10 (News), identified campaigns',
      'website 10 (News), anonymous campaigns',
    ]);
  });

  it('accountAfterPlan puts twins right after their rule and turns 1.0 off', () => {
    const { account: a } = load('acme.yaml');
    const after = accountAfterPlan(a, planMigration(a, SRC, OPTS).units);
    expect(after.pushRules.map((r) => `${r.level}:${r.destination}`)).toEqual([
      'default:main',
      'default:main-v2',
      'website:news',
      'website:news-v2',
      'masterForm:hubspot',
      'campaign:main',
      'campaign:main-v2',
      'campaign:null',
    ]);
    expect(after.webhooks.map((w) => `${w.key}:${w.enabled}`)).toEqual([
      'main:false',
      'main-v2:true',
      'news:false',
      'news-v2:true',
    ]);
  });
});
