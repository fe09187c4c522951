import type { CommandModule } from '../../contracts/index.js';
import { Command } from 'commander';
import {
  MIGRATE_CONFIRM_OPTIONS,
  MIGRATE_OBSERVE_OPTIONS,
  MIGRATE_OPTIONS,
  MIGRATE_RESUME_OPTIONS,
  MIGRATE_ROLLBACK_OPTIONS,
  MIGRATE_BACKUPS_OPTIONS,
  MIGRATE_RUNBOOK_OPTIONS,
  MIGRATE_STATUS_OPTIONS,
} from '../../core/options/migrate.js';
import { addOptions } from '../options.js';
import { examples, withCommon, type Runner } from './common.js';

const ACCOUNT_ARG =
  'account file (default: `account` from config, else ./qualifio-account.{yaml,yml,json})';

/** `qwh migrate` with its `resume` and `rollback` subcommands. */
export function migrateCommand(run: Runner): Command {
  const cmd = new Command('migrate')
    .description(
      'move every enabled webhook 1.0 to 2.0, stage by stage: write 2.0 (1.0 stays on), hand off, verify, observe, cut over on evidence',
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
      ['qwh migrate --dry-run --fail-on-blockers', 'CI: exit 4 while the plan has a blocker'],
      [
        'qwh migrate accounts/acme.yaml',
        'plan, confirm, write 2.0 + rule twins; lead with the hand-off',
      ],
      ['qwh migrate confirm accounts/acme.yaml configured', 'after the back-office steps'],
      [
        'qwh migrate accounts/acme.yaml',
        'again: verifies the receivers that have their secret now',
      ],
      ['qwh migrate status', 'stage, evidence and the next command per webhook'],
      ['qwh migrate --yes --runbook runbook.md', 'no prompt (CI); write the back-office steps'],
      ['qwh migrate --plan-out plan.json', 'save the plan for review…'],
      ['qwh migrate --plan plan.json --yes', '…and apply exactly that plan later'],
      ['qwh migrate resume', 'finish a run that was killed part-way'],
      ['qwh migrate rollback', 'restore the file from the last run’s backup'],
    ]) +
      `
1.0 is never turned off here: only \`qwh migrate confirm v1-off\` marks it off, once reconciled.
Stages: planned → configured → receiver-ready → delivering → reconciled → v1-off → v1-deleted.

On a terminal the confirm prompt follows a short summary (counts, hand-off, blockers); the
whole plan on request, or first with --verbose. Blockers are checked before any question.
A dry run reads and checks what the run would (--secret-env, --ca-file, secrets of 2.0 it adopts).

Exit codes: 0 done (or 0 changes, or dry run; 4 with --fail-on-blockers and a blocker), 1 a 2.0 endpoint failed a check (1.0 stays on),
2 invalid input, 3 a 2.0 endpoint could not be reached (1.0 stays on), 4 refused and nothing
written (no terminal without --yes, stale plan, lock held, blocker in the plan), 5 an earlier run
stopped part-way (run \`qwh migrate resume\`), 130 interrupted (the run resumes with \`resume\`).

Files written beside the account file: .qwh/backups/<file>.qwh-bak-<time> (backup per run,
never overwritten, 0600), .qwh/journal-<file>.jsonl, .qwh/stages-<file>.json, .qwh/<file>.lock,
.qwh/secrets/<name>/<key>.secret|.auth (0600).
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
  for (const sub of cutoverCommands(run)) cmd.addCommand(sub);
  return cmd;
}

/** A subcommand of the staged cut-over: options, examples and exit codes in its --help. */
function sub(
  run: Runner,
  spec: {
    name: string;
    args: string[];
    description: string;
    table: Parameters<typeof addOptions>[1];
    examples: Array<readonly [string, string]>;
    exits: string;
    load: () => Promise<CommandModule>;
  },
): Command {
  const c = new Command(spec.name).description(spec.description);
  for (const a of spec.args)
    c.argument(a, a.startsWith('[account') ? ACCOUNT_ARG : 'configured, v1-off or v1-deleted');
  addOptions(c, spec.table);
  c.addHelpText('after', examples(spec.examples) + `\n${spec.exits}\n`);
  withCommon(c).action(async (..._a: unknown[]) => run(spec.load, _a[_a.length - 1] as Command));
  return c;
}

function cutoverCommands(run: Runner): Command[] {
  return [
    sub(run, {
      name: 'backups',
      args: ['[account-file]'],
      description:
        'list the file’s backups (.qwh/backups/, and old ones beside it), newest first; --prune keeps the newest N',
      table: MIGRATE_BACKUPS_OPTIONS,
      examples: [
        ['qwh migrate backups', 'time, size and the run that made each backup'],
        ['qwh migrate backups acme.yaml --prune --keep 3', 'delete all but the newest 3 (asks)'],
        ['qwh migrate backups --prune --yes --json', 'no prompt; what was deleted, as JSON'],
      ],
      exits:
        'Never deletes the backup the last changing run needs for rollback.\nExit codes: 0 listed (or pruned), 2 invalid input (no account file, bad --keep), 4 refused (declined, no terminal without --yes, lock held).',
      load: () => import('../../commands/migrate-backups.js'),
    }),
    sub(run, {
      name: 'status',
      args: ['[account-file]'],
      description: 'per migrated webhook: its stage, the evidence, and the one next command',
      table: MIGRATE_STATUS_OPTIONS,
      examples: [
        ['qwh migrate status', 'a table; lost participations and accepted gaps below it'],
        ['qwh migrate status --json', 'one JSON document'],
      ],
      exits: 'Exit codes: 0 shown, 2 no migrated webhook yet or invalid input.',
      load: () => import('../../commands/migrate-status.js'),
    }),
    sub(run, {
      name: 'confirm',
      args: ['[account-file]', '[step]'],
      description:
        'record a back-office step you did (configured, v1-off, v1-deleted); refused while an earlier gate is not met',
      table: MIGRATE_CONFIRM_OPTIONS,
      examples: [
        [
          'qwh migrate confirm configured',
          '2.0 and its rules are set up; the receiver has the secret',
        ],
        ['qwh migrate confirm v1-off --webhook main', 'after turning 1.0 off (needs reconciled)'],
        [
          'qwh migrate confirm v1-off --accept-gap "campaign 42 is closed"',
          'cut over with a known gap (journaled, shown for ever)',
        ],
        [
          'qwh migrate confirm v1-deleted --yes',
          'after deleting 1.0: removes it and its rules from the file',
        ],
      ],
      exits:
        'Exit codes: 0 recorded (or already), 2 invalid input, 4 refused (an earlier gate not met — named —, no terminal without --yes, lock held), 5 an unfinished run (resume it first).',
      load: () => import('../../commands/migrate-confirm.js'),
    }),
    sub(run, {
      name: 'observe',
      args: ['[account-file]'],
      description:
        'evidence from captured deliveries: real 2.0 verified with the configured secret, paired with 1.0, lost ones listed',
      table: MIGRATE_OBSERVE_OPTIONS,
      examples: [
        [
          'qwh migrate observe --captures v1.ndjson v2.ndjson',
          'both versions’ captures (qwh listen --save)',
        ],
        ['qwh migrate observe --captures captures/ --json', 'a folder of capture files'],
      ],
      exits:
        'Advances delivering / reconciled when the evidence holds. Exit codes: 0 observed, 2 invalid input or no migrated webhook, 4 lock held.',
      load: () => import('../../commands/migrate-observe.js'),
    }),
    sub(run, {
      name: 'runbook',
      args: ['[account-file]'],
      description: 'the back-office steps of each webhook’s current stage, as a Markdown checklist',
      table: MIGRATE_RUNBOOK_OPTIONS,
      examples: [
        [
          'qwh migrate runbook > steps.md',
          'a checklist (- [ ]); secrets only by the file to paste them from',
        ],
        ['qwh migrate runbook --webhook news', 'one webhook'],
      ],
      exits: 'Exit codes: 0 printed, 2 no migrated webhook yet or invalid input.',
      load: () => import('../../commands/migrate-runbook.js'),
    }),
  ];
}
