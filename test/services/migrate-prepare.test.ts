import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Logger, Prompter } from '../../src/contracts/index.js';
import { validateAccount } from '../../src/core/account/validate.js';
import { isUserError } from '../../src/core/errors.js';
import { ExitCode } from '../../src/core/exit-codes.js';
import { ACCOUNT_FILE_LIMITS } from '../../src/core/input/limits.js';
import { parseDocumentText } from '../../src/core/input/parse-document.js';
import type { MigrateInput } from '../../src/core/migrate/input.js';
import type { JournalRecord } from '../../src/core/migrate/journal.js';
import type { MigrateStore } from '../../src/services/migrate.js';
import {
  prepareMigration,
  type PrepareDeps,
  type SourceAccount,
} from '../../src/services/migrate-prepare.js';
import { MESSAGES } from '../../src/messages/index.js';
import { silentLogger } from '../../src/ui/logger.js';
import { FIXTURES } from '../helpers/bin.js';

const M = MESSAGES.migrate;
const TEXT = readFileSync(join(FIXTURES, 'accounts/acme.yaml'), 'utf8');

function source(text = TEXT): SourceAccount {
  const p = parseDocumentText(text, 'yaml', ACCOUNT_FILE_LIMITS);
  if (!p.ok) throw new Error('parse');
  const v = validateAccount(p.value);
  if (!v.ok) throw new Error('invalid');
  return {
    path: '/acc/acme.yaml',
    bytes: Buffer.from(text),
    text,
    format: 'yaml',
    data: p.value,
    account: v.account,
  };
}

/** A store whose journal is `journal`; planning must not touch anything else. */
function store(journal: JournalRecord[]): MigrateStore {
  const no = (): never => {
    throw new Error('planning wrote or locked');
  };
  return {
    shown: 'acme.yaml',
    readJournal: async () => journal,
    lock: no,
    readCurrent: no,
    backup: no,
    writeAtomic: no,
    writeSecretFile: no,
    appendJournal: no,
    readBackup: no,
    rel: (p) => p,
  };
}

interface Seen {
  warnings: string[];
  asked: string[];
}

function deps(
  o: { text?: string; plans?: Record<string, string>; journal?: JournalRecord[]; picks?: string[] },
  seen: Seen = { warnings: [], asked: [] },
): PrepareDeps<MigrateStore> {
  const logger: Logger = { ...silentLogger, warn: (m) => void seen.warnings.push(m) };
  const prompter = {
    interactive: o.picks !== undefined,
    checkbox: async (m: string) => {
      seen.asked.push(m);
      return o.picks ?? [];
    },
    select: async (m: string) => {
      seen.asked.push(m);
      return 'keep';
    },
  } as unknown as Prompter;
  return {
    readPlanFile: async (f) => {
      const t = o.plans?.[f];
      if (t === undefined) throw new Error(`no ${f}`);
      return t;
    },
    pickAccountFile: async (given) => given ?? 'acme.yaml',
    loadAccount: async () => source(o.text),
    storeOf: () => store(o.journal ?? []),
    prompter,
    logger,
  };
}

const INPUT: MigrateInput = {
  dryRun: false,
  failOnBlockers: false,
  verbose: false,
  yes: true,
  json: false,
  verifyTimeout: 15_000,
  options: { incomplete: false, keepV1: false, skipVerify: false, allowInsecureHost: false },
};

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isUserError(e)) return `${e.exitCode} ${e.message}`;
    throw e;
  }
  throw new Error('no error');
}

const BEGIN: JournalRecord = {
  t: 'begin',
  run: 'r1',
  at: '2026-01-01T00:00:00.000Z',
} as unknown as JournalRecord;

describe('prepareMigration: the plan phase, nothing written', () => {
  it('plans from the options: preview diffs, runbook, no blockers', async () => {
    const p = await prepareMigration(INPUT, deps({}));
    if (p.kind !== 'plan') throw new Error('no plan');
    expect(p.file).toBe('acme.yaml');
    expect(p.plan.units.map((u) => u.v2Key)).toEqual(['main-v2', 'news-v2']);
    expect(p.plan.changes).toBeGreaterThan(0);
    expect(p.preview?.writeDiff).toContain('+');
    expect(p.preview?.writeDiff).not.toContain('s3cr3t-pass');
    expect(p.runbook.steps.length).toBeGreaterThan(0);
    expect(p.blockers).toBe(0);
  });

  it('an unfinished run refuses to apply (exit 5) and only warns for a dry run', async () => {
    expect(await failure(prepareMigration(INPUT, deps({ journal: [BEGIN] })))).toBe(
      `${ExitCode.PARTIAL} ${M.unfinished('acme.yaml', BEGIN.at)}`,
    );
    const seen = { warnings: [], asked: [] };
    const dry = await prepareMigration(
      { ...INPUT, dryRun: true },
      deps({ journal: [BEGIN] }, seen),
    );
    expect(dry.kind).toBe('plan');
    expect(seen.warnings).toEqual([M.unfinishedDryRun('acme.yaml')]);
  });

  it('--only must name enabled 1.0 webhooks (exit 2); on a terminal, picking none plans nothing', async () => {
    const only = { ...INPUT, options: { ...INPUT.options, only: ['nope'] } };
    expect(await failure(prepareMigration(only, deps({})))).toBe(
      `${ExitCode.USAGE} ${M.unknownOnly('nope', 'main, news')}`,
    );
    const seen = { warnings: [], asked: [] };
    const none = await prepareMigration({ ...INPUT, yes: false }, deps({ picks: [] }, seen));
    expect(none).toEqual({ kind: 'none-picked', file: 'acme.yaml' });
    expect(seen.asked).toEqual([M.pickWebhooks]);
  });

  it('a saved plan is replayed from its file; a changed file or an edited plan is refused (exit 4)', async () => {
    const made = await prepareMigration({ ...INPUT, file: 'acme.yaml' }, deps({}));
    if (made.kind !== 'plan') throw new Error('no plan');
    const saved = JSON.stringify(made.plan, null, 2);
    const replay = { ...INPUT, plan: 'p.json' };
    const again = await prepareMigration(replay, deps({ plans: { 'p.json': saved } }));
    expect(again.kind === 'plan' && again.plan).toEqual(made.plan);

    const changed = deps({ plans: { 'p.json': saved }, text: TEXT + '# edited\n' });
    expect(await failure(prepareMigration(replay, changed))).toBe(
      `${ExitCode.REFUSED} ${M.planStale('p.json', 'acme.yaml')}`,
    );
    const edited = JSON.stringify({ ...made.plan, changes: made.plan.changes + 1 });
    expect(await failure(prepareMigration(replay, deps({ plans: { 'p.json': edited } })))).toBe(
      `${ExitCode.REFUSED} ${M.planMismatch('p.json')}`,
    );
    expect(await failure(prepareMigration(replay, deps({ plans: { 'p.json': '[]' } })))).toBe(
      `${ExitCode.USAGE} ${M.planUnreadable('p.json', 'no qwh plan fields')}`,
    );
  });
});
