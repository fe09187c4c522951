import { defineOptions } from './spec.js';
import { previousSecretFlagRows } from './shared-rows.js';

/** The account-file argument every migrate command takes. */
const fileRow = {
  key: 'file',
  arg: 0,
  description:
    'account file (default: `account` from config, else ./qualifio-account.{yaml,yml,json})',
  value: { type: 'path' },
} as const;

const jsonRow = (what: string) =>
  ({
    key: 'json',
    flags: '--json',
    description: `print one JSON document on stdout${what}`,
    value: { type: 'boolean' },
    default: false,
  }) as const;

const runbookRow = {
  key: 'runbook',
  flags: '--runbook <file>',
  description: 'write the back-office steps (Markdown; secrets masked) to FILE',
  value: { type: 'path' },
  output: true,
} as const;

/** How migrate and resume verify the 2.0 endpoints. */
const verifyRows = [
  {
    key: 'verifyTimeout',
    flags: '--verify-timeout <ms>',
    description: 'timeout of each verification request (default: 15000)',
    value: { type: 'int', min: 100, max: 600_000, unit: 'ms' },
    default: 15_000,
  },
  {
    key: 'caFile',
    flags: '--ca-file <file>',
    description: 'extra CA certificate (PEM) for verifying a private-CA receiver',
    value: { type: 'path' },
  },
] as const;

/** `qwh migrate`: flag > qwh.config.* › migrate > default (prompts fill --only/--query-token on a terminal). */
export const MIGRATE_OPTIONS = defineOptions({
  command: 'migrate',
  section: 'migrate',
  rows: [
    fileRow,
    {
      key: 'dryRun',
      flags: '--dry-run',
      description: 'show the plan (diff + back-office steps) and stop; nothing written',
      value: { type: 'boolean' },
      default: false,
    },
    {
      key: 'failOnBlockers',
      flags: '--fail-on-blockers',
      description: 'with --dry-run or --plan-out: exit 4 when the plan has a blocker (CI gate)',
      value: { type: 'boolean' },
      config: 'failOnBlockers',
      default: false,
    },
    {
      key: 'verbose',
      flags: '--verbose',
      description:
        'show the whole plan (diffs, back-office steps) before the confirm prompt, not only its summary',
      value: { type: 'boolean' },
      default: false,
    },
    {
      key: 'planOut',
      flags: '--plan-out <file>',
      description: 'save the plan (JSON, with the SHA-256 of the file) and stop',
      value: { type: 'path' },
      output: true,
    },
    {
      key: 'plan',
      flags: '--plan <file>',
      description: 'apply a saved plan; refused (exit 4) if the file changed since',
      value: { type: 'path' },
    },
    {
      key: 'yes',
      flags: '-y, --yes',
      description: 'apply without asking (required without a terminal)',
      value: { type: 'boolean' },
      default: false,
    },
    jsonRow(' (plan, diff, runbook, result)'),
    {
      key: 'secretEnv',
      flags: '--secret-env <name>',
      description:
        'HMAC secret of the new 2.0 webhooks from this env variable (default: a new random secret in a 0600 file)',
      value: { type: 'env-name' },
      config: 'secretEnv',
    },
    {
      key: 'incomplete',
      flags: '--incomplete',
      description: 'push incomplete participations to 2.0 (1.0 never sent them)',
      value: { type: 'boolean' },
      config: 'incomplete',
      default: false,
      negatable: true,
      negatedDescription: 'do not push incomplete participations (default)',
    },
    {
      key: 'keepV1',
      flags: '--keep-v1',
      description:
        'no effect (kept for old configs): 1.0 is marked off only by `qwh migrate confirm v1-off`',
      value: { type: 'boolean' },
      config: 'keepV1',
      default: false,
      negatable: true,
      negatedDescription: 'no effect (kept for old configs)',
    },
    {
      key: 'skipVerify',
      flags: '--skip-verify',
      description: 'do not verify 2.0 (the next `qwh migrate` verifies it)',
      value: { type: 'boolean' },
      default: false,
    },
    {
      key: 'allowInsecureHost',
      flags: '--allow-insecure-host',
      description:
        'accept http:// and private/loopback hosts (local tests only; Qualifio cannot reach them)',
      value: { type: 'boolean' },
      config: 'allowInsecureHost',
      default: false,
      negatable: true,
      negatedDescription: 'refuse such hosts (default)',
    },
    {
      key: 'only',
      flags: '--only <keys>',
      description: 'migrate only these webhook 1.0 keys (comma-separated)',
      value: { type: 'list' },
    },
    {
      key: 'queryToken',
      flags: '--query-token <mode>',
      description:
        'a token in the 1.0 query string: keep it in the host, or move it to Authorization: Bearer',
      value: { type: 'choice', values: ['keep', 'move'] },
    },
    { ...runbookRow, config: 'runbook' },
    ...verifyRows,
  ],
});

/** `qwh migrate resume`: flags only (the run's options are in its journal). */
export const MIGRATE_RESUME_OPTIONS = defineOptions({
  command: 'migrate resume',
  rows: [
    fileRow,
    jsonRow(''),
    {
      key: 'abandon',
      flags: '--abandon',
      description: 'mark the unfinished run abandoned instead (the file is left as it is)',
      value: { type: 'boolean' },
      default: false,
    },
    runbookRow,
    ...verifyRows,
  ],
});

/** `qwh migrate rollback`: flags only. */
export const MIGRATE_ROLLBACK_OPTIONS = defineOptions({
  command: 'migrate rollback',
  rows: [
    fileRow,
    {
      key: 'yes',
      flags: '-y, --yes',
      description: 'restore without asking (required without a terminal)',
      value: { type: 'boolean' },
      default: false,
    },
    {
      key: 'force',
      flags: '--force',
      description: 'restore even if the file changed since that run',
      value: { type: 'boolean' },
      default: false,
    },
    jsonRow(''),
  ],
});

/** `qwh migrate backups`: list and prune the account file's backups. */
export const MIGRATE_BACKUPS_OPTIONS = defineOptions({
  command: 'migrate backups',
  rows: [
    fileRow,
    {
      key: 'prune',
      flags: '--prune',
      description: 'delete all but the newest --keep backups (never the one rollback needs)',
      value: { type: 'boolean' },
      default: false,
    },
    {
      key: 'keep',
      flags: '--keep <n>',
      description: 'with --prune: how many of the newest backups to keep (default 3)',
      value: { type: 'int', min: 0, max: 10_000 },
      default: 3,
    },
    {
      key: 'yes',
      flags: '-y, --yes',
      description: 'prune without asking (required without a terminal)',
      value: { type: 'boolean' },
      default: false,
    },
    jsonRow(''),
  ],
});

const webhookRow = {
  key: 'webhook',
  flags: '--webhook <key>',
  description: 'only this migrated webhook (its 1.0 or 2.0 key; default: every one)',
  value: { type: 'string' },
} as const;

/** `qwh migrate status`: flags only. */
export const MIGRATE_STATUS_OPTIONS = defineOptions({
  command: 'migrate status',
  rows: [fileRow, jsonRow(' (one row per webhook)')],
});

/** `qwh migrate confirm`: the step is the second argument. */
export const MIGRATE_CONFIRM_OPTIONS = defineOptions({
  command: 'migrate confirm',
  rows: [
    { ...fileRow, arg: 0 },
    {
      key: 'step',
      arg: 1,
      description: 'the back-office step you did: configured, v1-off or v1-deleted',
      value: { type: 'choice', values: ['configured', 'v1-off', 'v1-deleted'] },
    },
    webhookRow,
    {
      key: 'yes',
      flags: '-y, --yes',
      description: 'record it without asking (required without a terminal)',
      value: { type: 'boolean' },
      default: false,
    },
    {
      key: 'acceptGap',
      flags: '--accept-gap <reason>',
      description:
        'v1-off while not reconciled (1.0-only participations, or a short window): why; journaled and shown by status for ever',
      value: { type: 'string' },
    },
    jsonRow(''),
  ],
});

/** `qwh migrate observe`: flags only. */
export const MIGRATE_OBSERVE_OPTIONS = defineOptions({
  command: 'migrate observe',
  rows: [
    fileRow,
    {
      key: 'captures',
      flags: '--captures <path...>',
      description: 'capture files or folders (NDJSON, docs/migrate.md "Captures"); - for stdin',
      value: { type: 'list' },
    },
    ...previousSecretFlagRows,
    webhookRow,
    jsonRow(' (evidence per webhook)'),
  ],
});

/** `qwh migrate runbook`: flags only. */
export const MIGRATE_RUNBOOK_OPTIONS = defineOptions({
  command: 'migrate runbook',
  rows: [fileRow, webhookRow, jsonRow('')],
});
