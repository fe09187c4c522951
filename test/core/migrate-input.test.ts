import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateAccount } from '../../src/core/account/validate.js';
import { isUserError } from '../../src/core/errors.js';
import { sha256Hex } from '../../src/core/hash.js';
import { ACCOUNT_FILE_LIMITS } from '../../src/core/input/limits.js';
import { parseDocumentText } from '../../src/core/input/parse-document.js';
import { resolveMigrateInput } from '../../src/core/migrate/input.js';
import { planMigration } from '../../src/core/migrate/plan.js';
import { parseSavedPlan } from '../../src/core/migrate/plan-schema.js';
import { MIGRATE_OPTIONS } from '../../src/core/options/migrate.js';
import { resolveOptions } from '../../src/core/options/resolve.js';
import { MESSAGES } from '../../src/messages/index.js';
import { FIXTURES } from '../helpers/bin.js';

const M = MESSAGES.migrate;

const input = (flags: Record<string, unknown>, config?: Record<string, unknown>) =>
  resolveMigrateInput(
    resolveOptions(MIGRATE_OPTIONS, { flags, args: [], env: {}, config, configDir: '/cfg' }),
  );

function usage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isUserError(e)) return `${e.exitCode} ${e.message}`;
    throw e;
  }
  throw new Error('no error');
}

describe('resolveMigrateInput: flag > config > default', () => {
  it('defaults: nothing on, verify timeout 15000, prompts may fill only/queryToken', () => {
    expect(input({})).toEqual({
      dryRun: false,
      failOnBlockers: false,
      verbose: false,
      yes: false,
      json: false,
      verifyTimeout: 15_000,
      options: { incomplete: false, keepV1: false, skipVerify: false, allowInsecureHost: false },
    });
  });

  it('config turns booleans on, --no-<flag> turns them off; paths in config are from its folder', () => {
    const conf = { incomplete: true, keepV1: true, secretEnv: 'S', runbook: 'rb.md' };
    const on = input({}, conf);
    expect(on.options).toMatchObject({ incomplete: true, keepV1: true, secretEnv: 'S' });
    expect(on.runbook).toBe('/cfg/rb.md');
    const off = input({ incomplete: false, keepV1: false, runbook: 'here.md' }, conf);
    expect(off.options).toMatchObject({ incomplete: false, keepV1: false });
    expect(off.runbook).toBe('here.md');
  });

  it('parses and bounds text values naming the flag (exit 2)', () => {
    expect(input({ verifyTimeout: '3000', only: 'a, b', queryToken: 'move' })).toMatchObject({
      verifyTimeout: 3000,
      options: { only: ['a', 'b'], queryToken: 'move' },
    });
    expect(usage(() => input({ verifyTimeout: '50' }))).toMatch(/^2 --verify-timeout must be/);
    expect(usage(() => input({ secretEnv: 'not a name' }))).toMatch(/^2 --secret-env must be/);
  });

  it('--plan refuses --plan-out and every plan-shaping flag, but not config values', () => {
    expect(usage(() => input({ plan: 'p.json', planOut: 'q.json' }))).toBe(`2 ${M.planAndPlanOut}`);
    expect(usage(() => input({ plan: 'p.json', incomplete: false, only: 'a' }))).toBe(
      `2 ${M.planFixesOptions('--incomplete, --only')}`,
    );
    expect(input({ plan: 'p.json', yes: true }, { keepV1: true }).plan).toBe('p.json');
  });
});

describe('parseSavedPlan: the PlanSchema of --plan files', () => {
  const text = readFileSync(join(FIXTURES, 'accounts/acme.yaml'), 'utf8');
  const parsed = parseDocumentText(text, 'yaml', ACCOUNT_FILE_LIMITS);
  const v = parsed.ok ? validateAccount(parsed.value) : undefined;
  if (!v?.ok) throw new Error('fixture');
  const plan = planMigration(
    v.account,
    { file: 'acme.yaml', format: 'yaml', sourceSha256: sha256Hex(text) },
    {
      incomplete: false,
      keepV1: false,
      skipVerify: false,
      allowInsecureHost: true,
      queryToken: 'keep',
    },
  );

  it('reads back what --plan-out wrote, unchanged', () => {
    expect(parseSavedPlan(JSON.stringify(plan, null, 2), 'p.json')).toEqual(plan);
  });

  it('refuses anything else with one line naming the file (exit 2)', () => {
    const bad = (doc: unknown, why: string) =>
      expect(
        usage(() => parseSavedPlan(typeof doc === 'string' ? doc : JSON.stringify(doc), 'p.json')),
      ).toBe(`2 ${M.planUnreadable('p.json', why)}`);
    bad('{', 'not JSON');
    bad([1], 'no qwh plan fields');
    bad({ ...plan, tool: 'other' }, 'no qwh plan fields');
    bad({ ...plan, planVersion: 9 }, 'plan version 9, this qwh reads 1');
    bad(
      { ...plan, options: { ...plan.options, incomplete: 'yes' } },
      'options.incomplete: must be a boolean, got a string',
    );
    const { file: _f, ...noFile } = plan;
    bad(noFile, 'file: required');
  });
});
