import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { validateAccount } from '../../src/core/account/validate.js';
import { sha256Hex } from '../../src/core/hash.js';
import { ACCOUNT_FILE_LIMITS } from '../../src/core/input/limits.js';
import { parseDocumentText } from '../../src/core/input/parse-document.js';
import { planMigration } from '../../src/core/migrate/plan.js';
import { previewPlan, plannedPairs } from '../../src/core/migrate/preview.js';
import { buildRunbook } from '../../src/core/migrate/runbook.js';
import { MESSAGES } from '../../src/messages/index.js';
import { MIGRATE_REPORTERS, type MigrateView } from '../../src/ui/reporters/migrate.js';
import { FIXTURES } from '../helpers/bin.js';

const M = MESSAGES.migrate;
const c = new Chalk({ level: 0 });
const text = readFileSync(join(FIXTURES, 'accounts/acme.yaml'), 'utf8');
const parsed = parseDocumentText(text, 'yaml', ACCOUNT_FILE_LIMITS);
const valid = parsed.ok ? validateAccount(parsed.value) : undefined;
if (!parsed.ok || !valid?.ok) throw new Error('fixture');
const account = valid.account;
const plan = planMigration(
  account,
  { file: 'acme.yaml', format: 'yaml', sourceSha256: sha256Hex(text) },
  {
    incomplete: false,
    keepV1: false,
    skipVerify: false,
    allowInsecureHost: false,
    queryToken: 'keep',
  },
);
const preview = previewPlan(
  { text, format: 'yaml', data: parsed.value, account, name: 'acme.yaml' },
  plan,
);
const view = (end: MigrateView['end']): MigrateView => ({
  file: 'acme.yaml',
  account: account.account,
  dryRun: true,
  plan,
  preview,
  runbook: buildRunbook(preview.finalAccount, plannedPairs(plan)),
  end,
});

describe('migrate reporters', () => {
  it('json: one document, in the order scripts read it; nothing before the end', () => {
    expect(MIGRATE_REPORTERS.json.plan(view({ kind: 'stopped' }), c)).toBe('');
    const doc = JSON.parse(MIGRATE_REPORTERS.json.end(view({ kind: 'stopped' }), c)) as Record<
      string,
      unknown
    >;
    expect(Object.keys(doc)).toEqual([
      'schemaVersion',
      'file',
      'account',
      'dryRun',
      'changes',
      'plan',
      'diff',
      'needsHuman',
      'keptSecretFiles',
      'runbook',
      'result',
      'next',
    ]);
    expect(doc).toMatchObject({
      file: 'acme.yaml',
      account: { id: 4321, name: 'Acme Media' },
      changes: plan.changes,
      diff: { apply: preview.writeDiff, afterVerification: preview.disableDiff },
      result: null,
      next: [M.nextApply('acme.yaml')],
    });
    const saved = JSON.parse(
      MIGRATE_REPORTERS.json.end(view({ kind: 'stopped', planOut: 'p.json' }), c),
    ) as { next: string[] };
    expect(saved.next).toEqual([M.nextPlan('acme.yaml', 'p.json')]);
    const blocked = JSON.parse(MIGRATE_REPORTERS.json.end(view({ kind: 'blocked' }), c)) as {
      refused: string;
      next: string[];
    };
    expect([blocked.refused, blocked.next]).toEqual(['blocked', []]);
  });

  it('human: the plan first, then the dry-run line and what to run next', () => {
    const planText = MIGRATE_REPORTERS.human.plan(view({ kind: 'stopped' }), c);
    expect(planText).toContain(M.planTitle('acme.yaml', 'Acme Media (account 4321)'));
    expect(planText).not.toContain('s3cr3t-pass');
    expect(MIGRATE_REPORTERS.human.end(view({ kind: 'stopped' }), c)).toBe(
      `\n${M.dryRun}\n${M.next}\n  ${M.nextApply('acme.yaml')}\n`,
    );
    expect(MIGRATE_REPORTERS.human.end(view({ kind: 'blocked' }), c)).toBe('');
  });
});
