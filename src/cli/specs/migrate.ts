import { Command } from 'commander';
import {
  MIGRATE_OPTIONS,
  MIGRATE_RESUME_OPTIONS,
  MIGRATE_ROLLBACK_OPTIONS,
} from '../../core/options/migrate.js';
import { addOptions } from '../options.js';
import { examples, withCommon, type Runner } from './common.js';

const ACCOUNT_ARG =
  'account file (default: `account` from config, else ./qualifio-account.{yaml,yml,json})';

/** `qwh migrate` with its `resume` and `rollback` subcommands. */
export function migrateCommand(run: Runner): Command {
  const cmd = new Command('migrate')
    .description(
      'move every enabled webhook 1.0 to 2.0: plan, apply (lock, backup, journal), verify, then turn 1.0 off',
    )
    .argument('[account-file]', ACCOUNT_ARG)
    // Options of `migrate` only before `resume`/`rollback`, so theirs (--json…) reach them.
    .enablePositionalOptions();
  addOptions(cmd, MIGRATE_OPTIONS);
  cmd.addHelpText(
    'after',
    examples([
      [
        'qwh migrate --dry-run',
        'the plan: diff of the file, needs-a-human list, back-office steps',
      ],
      ['qwh migrate accounts/acme.yaml', 'plan, confirm, apply, verify, turn 1.0 off'],
      ['qwh migrate --yes --runbook runbook.md', 'no prompt (CI); write the back-office steps'],
      ['qwh migrate --plan-out plan.json', 'save the plan for review…'],
      ['qwh migrate --plan plan.json --yes', '…and apply exactly that plan later'],
      ['qwh migrate resume', 'finish a run that was killed part-way'],
      ['qwh migrate rollback', 'restore the file from the last run’s backup'],
    ]) +
      `
Exit codes: 0 done (or 0 changes, or dry run), 1 a 2.0 endpoint failed a check (1.0 stays on),
2 invalid input, 3 a 2.0 endpoint could not be reached (1.0 stays on), 4 refused and nothing
written (no terminal without --yes, stale plan, lock held, blocker in the plan), 5 an earlier run
stopped part-way (run \`qwh migrate resume\`), 130 interrupted (the run resumes with \`resume\`).

Files written beside the account file: <file>.qwh-bak-<time> (backup per run, never
overwritten), .qwh/journal-<file>.jsonl, .qwh/<file>.lock, .qwh/secrets/<name>/<key>.secret|.auth (0600).
`,
  );
  withCommon(cmd).action(async (_a, _o, c: Command) =>
    run(() => import('../../commands/migrate.js'), c),
  );

  const resume = new Command('resume')
    .description('finish the run a kill or an error stopped part-way, from its journal')
    .argument('[account-file]', ACCOUNT_ARG);
  addOptions(resume, MIGRATE_RESUME_OPTIONS);
  resume.addHelpText(
    'after',
    examples([
      ['qwh migrate resume', 'continue where the killed run stopped; nothing is written twice'],
      ['qwh migrate resume --abandon', 'give the run up (then plan again, or roll back)'],
    ]) +
      '\nNo confirmation: the run was confirmed when it started. Exit codes as `qwh migrate`;\n4 when the file changed since the run stopped.\n',
  );
  withCommon(resume).action(async (_a, _o, c: Command) =>
    run(() => import('../../commands/migrate-resume.js'), c),
  );

  const rollback = new Command('rollback')
    .description(
      'restore the file byte for byte from the last run’s backup; say what to revert in the back office',
    )
    .argument('[account-file]', ACCOUNT_ARG);
  addOptions(rollback, MIGRATE_ROLLBACK_OPTIONS);
  rollback.addHelpText(
    'after',
    examples([
      ['qwh migrate rollback', 'undo the last run that changed the file'],
      ['qwh migrate rollback --yes --json', 'no prompt; machine-readable revert steps'],
    ]) +
      '\nThe current bytes are backed up first. Running it again undoes the run before.\nExit codes: 0 restored, 2 nothing to roll back, 4 refused (changed file, no --yes without a terminal, lock held).\n',
  );
  withCommon(rollback).action(async (_a, _o, c: Command) =>
    run(() => import('../../commands/migrate-rollback.js'), c),
  );

  cmd.addCommand(resume);
  cmd.addCommand(rollback);
  return cmd;
}
