import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AccountFile } from '../../src/core/account/schema.js';
import { validateAccount } from '../../src/core/account/validate.js';
import { ACCOUNT_FILE_LIMITS } from '../../src/core/input/limits.js';
import { parseDocumentText } from '../../src/core/input/parse-document.js';
import { classifyHost } from '../../src/core/migrate/host-class.js';
import { planMigration } from '../../src/core/migrate/plan.js';
import { CONVERSION_RULES } from '../../src/core/migrate/rules/index.js';
import type { PlanOptions } from '../../src/core/migrate/types.js';
import { FIXTURES } from '../helpers/bin.js';

const OPTS: PlanOptions = {
  incomplete: false,
  keepV1: false,
  skipVerify: false,
  allowInsecureHost: false,
  queryToken: 'keep',
};

function load(name: string): AccountFile {
  const text = readFileSync(join(FIXTURES, 'accounts', name), 'utf8');
  const p = parseDocumentText(text, 'yaml', ACCOUNT_FILE_LIMITS);
  if (!p.ok) throw new Error('fixture does not parse');
  const v = validateAccount(p.value);
  if (!v.ok) throw new Error('fixture invalid');
  return v.account;
}

function account(webhooks: unknown[], pushRules: unknown[] = [], extra: object = {}): AccountFile {
  const v = validateAccount({
    version: 1,
    account: { id: 1, name: 'Acme' },
    webhooks,
    pushRules,
    ...extra,
  });
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.account;
}

const SRC = { file: 'accounts/acme.yaml', format: 'yaml' as const, sourceSha256: 'a'.repeat(64) };

describe('planMigration', () => {
  it('lists its conversion rules explicitly, each with an id and a summary', () => {
    expect(CONVERSION_RULES.map((r) => r.id)).toEqual([
      'existing-v2',
      'v2-name',
      'v1-url-to-host',
      'secret',
      'incomplete-participations',
      'insecure-host',
      'push-rule-twins',
      'unknown-targets',
      'no-push-rules',
      'disable-v1',
    ]);
    for (const r of CONVERSION_RULES) expect(r.summary.length).toBeGreaterThan(10);
  });

  it('is deterministic and holds no secret', () => {
    const a = load('acme.yaml');
    const one = JSON.stringify(planMigration(a, SRC, OPTS));
    expect(JSON.stringify(planMigration(a, SRC, { ...OPTS }))).toBe(one);
    for (const s of ['s3cr3t-pass', 'tok-news-123456', 'acme:s3cr3t']) expect(one).not.toContain(s);
    expect(one).toContain('••••');
  });

  it('twins only the rules sending to 1.0: other integrations and exclusions are untouched', () => {
    const plan = planMigration(load('acme.yaml'), SRC, OPTS);
    const twins = plan.units.flatMap((u) => u.twins.map((t) => t.rule.destination));
    expect(twins).toEqual(['main-v2', 'main-v2', 'news-v2']);
    expect(plan.units[0]?.twins.map((t) => t.of)).toEqual([0, 3]);
    expect(plan.units[1]?.twins[0]?.rule).toEqual({
      level: 'website',
      target: 1234,
      campaignMode: 'both',
      destination: 'news-v2',
    });
  });

  it('follows the options: --secret-env, --incomplete, --keep-v1, --skip-verify, --only', () => {
    const a = load('acme.yaml');
    const env = planMigration(a, SRC, { ...OPTS, secretEnv: 'QWH_SECRET', incomplete: true });
    expect(env.units[0]?.create?.secret).toEqual({ env: 'QWH_SECRET' });
    expect(env.units[0]?.create?.incompleteParticipations).toBe(true);
    expect(env.units[0]?.secretFiles.map((s) => s.purpose)).toEqual(['auth-header']);
    expect(planMigration(a, SRC, { ...OPTS, keepV1: true }).units.map((u) => u.disableV1)).toEqual([
      false,
      false,
    ]);
    const skip = planMigration(a, SRC, { ...OPTS, skipVerify: true });
    expect(skip.units.map((u) => [u.verify, u.disableV1])).toEqual([
      [false, false],
      [false, false],
    ]);
    const only = planMigration(a, SRC, { ...OPTS, only: ['news'] });
    expect(only.units.map((u) => u.v1.key)).toEqual(['news']);
    expect(only.skipped).toEqual([{ key: 'main', reason: 'not-selected' }]);
  });

  it('moves a lone query token into Authorization: Bearer with --query-token move', () => {
    const plan = planMigration(load('acme.yaml'), SRC, { ...OPTS, queryToken: 'move' });
    const news = plan.units[1]?.create;
    expect(news?.host).toBe('https://hooks.acme.example/qualifio/news');
    expect(news?.dropQueryParams).toEqual(['token']);
    expect(news?.authHeader?.scheme).toBe('Bearer');
    expect(plan.units[1]?.secretFiles[0]?.source).toEqual({
      kind: 'bearer-from-query',
      param: 'token',
    });
  });

  it('adopts a matching 2.0 webhook (same receiver): no second one, missing twins; 1.0 stays on', () => {
    const a = account(
      [
        { key: 'm', version: 1, scope: 'account', url: 'https://u:p4ss@a.example/x?token=t0k3n' },
        { key: 'mine', version: 2, scope: 'account', name: 'N', host: 'https://a.example/x' },
      ],
      [
        { level: 'default', destination: 'm' },
        { level: 'default', destination: 'mine' },
        { level: 'campaign', target: 9, destination: 'm' },
      ],
    );
    const plan = planMigration(a, SRC, OPTS);
    expect(plan.units.map((u) => [u.v1.key, u.mode, u.v2Key, u.disableV1])).toEqual([
      ['m', 'adopt', 'mine', false],
    ]);
    expect(plan.units[0]?.twins).toEqual([
      { of: 2, rule: { level: 'campaign', target: 9, destination: 'mine' } },
    ]);
    expect(plan.counts.webhooks).toBe(0);
    expect(plan.changes).toBe(1); // the twin; 1.0 goes off only at `confirm v1-off`
  });

  it('a 2.0 webhook with another host at the scope (acme-v2.yaml) is left to a human', () => {
    const plan = planMigration(load('acme-v2.yaml'), SRC, OPTS);
    expect(plan.changes).toBe(0);
    expect(plan.needsHuman.map((n) => [n.webhook, n.code])).toEqual([
      ['main', 'existing-v2-differs'],
    ]);
  });

  it('leaves a scope alone when a 2.0 webhook there has another host (needs a human)', () => {
    const a = account(
      [
        { key: 'm', version: 1, scope: 'account', url: 'https://a.example/x' },
        { key: 'n', version: 2, scope: 'account', name: 'N', host: 'https://b.example/y' },
      ],
      [{ level: 'default', destination: 'm' }],
    );
    const plan = planMigration(a, SRC, OPTS);
    expect(plan.units).toEqual([]);
    expect(plan.skipped).toEqual([{ key: 'm', reason: 'existing-v2-differs' }]);
    expect(plan.needsHuman.map((n) => n.code)).toEqual(['existing-v2-differs']);
  });

  it('picks a free key when <key>-v2 is taken by a webhook or named by another integration', () => {
    const a = account(
      [
        { key: 'm', version: 1, scope: 'account', url: 'https://a.example/x' },
        {
          key: 'm-v2',
          version: 1,
          scope: { website: 5 },
          url: 'https://a.example/y',
          enabled: false,
        },
      ],
      [
        { level: 'default', destination: 'm' },
        { level: 'campaign', target: 3, destination: 'm-v2-2' },
      ],
    );
    expect(planMigration(a, SRC, OPTS).units[0]?.v2Key).toBe('m-v2-3');
  });

  it('blocks http://, loopback and private hosts unless allowed; link-local never', () => {
    const a = account(
      [
        { key: 'a', version: 1, scope: 'account', url: 'http://10.0.0.5/hook' },
        { key: 'b', version: 1, scope: { website: 7 }, url: 'https://169.254.169.254/x' },
      ],
      [
        { level: 'default', destination: 'a' },
        { level: 'website', target: 7, campaignMode: 'both', destination: 'b' },
      ],
    );
    const strict = planMigration(a, SRC, OPTS);
    expect(strict.blocked).toBe(true);
    expect(strict.needsHuman.map((n) => [n.webhook, n.code, n.severity])).toEqual([
      ['a', 'private-host', 'blocker'],
      ['a', 'insecure-host', 'blocker'],
      ['b', 'link-local-host', 'blocker'],
      ['b', 'unknown-target', 'todo'],
    ]);
    const allowed = planMigration(a, SRC, { ...OPTS, allowInsecureHost: true });
    expect(allowed.needsHuman.filter((n) => n.severity === 'blocker').map((n) => n.code)).toEqual([
      'link-local-host',
    ]);
  });

  it('flags a 1.0 webhook no push rule sends to, and skips disabled ones', () => {
    const a = account([
      { key: 'a', version: 1, scope: 'account', url: 'https://a.example/x' },
      { key: 'b', version: 1, scope: { website: 2 }, url: 'https://a.example/y', enabled: false },
    ]);
    const plan = planMigration(a, SRC, OPTS);
    expect(plan.needsHuman.map((n) => n.code)).toEqual(['no-push-rules']);
    expect(plan.skipped).toEqual([{ key: 'b', reason: 'disabled' }]);
  });
});

describe('classifyHost', () => {
  it.each([
    ['hooks.acme.example', 'public'],
    ['127.0.0.1', 'loopback'],
    ['localhost', 'loopback'],
    ['[::1]', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.20.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['[fd00::1]', 'private'],
    ['169.254.169.254', 'link-local'],
    ['[fe80::1]', 'link-local'],
    ['[::ffff:127.0.0.1]', 'loopback'],
    ['receiver', 'local-name'],
    ['crm.corp', 'local-name'],
    ['8.8.8.8', 'public'],
  ])('%s is %s', (host, cls) => {
    expect(classifyHost(host)).toBe(cls);
  });
});
