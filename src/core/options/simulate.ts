import { jsonRow } from './shared-rows.js';
import { defineOptions } from './spec.js';

/** Most participations one simulate run makes. */
export const MAX_SIMULATED = 100_000;

/** `qwh simulate [account-file]`: flags > `QWH_*` > defaults (no config section of its own). */
export const SIMULATE_OPTIONS = defineOptions({
  command: 'simulate',
  rows: [
    {
      key: 'file',
      arg: 0,
      description:
        'account file (default: `account` from config, else ./qualifio-account.{yaml,yml,json})',
      value: { type: 'path' },
    },
    {
      key: 'participations',
      flags: '--participations <n>',
      description: 'participations to make and deliver (default 10)',
      value: { type: 'int', min: 1, max: MAX_SIMULATED },
      default: 10,
    },
    {
      key: 'seed',
      flags: '--seed <n>',
      description:
        'seed: the same seed makes the same participations (same ids: a re-push) (default 1)',
      value: { type: 'int', min: 0, max: 2 ** 32 - 1 },
      default: 1,
    },
    {
      key: 'missingRule',
      flags: '--missing-rule <rule>',
      description:
        'a push rule of the file the back office lacks (a forgotten twin): LEVEL:TARGET:DEST or default:DEST; repeatable',
      value: { type: 'list' },
      repeatable: true,
    },
    {
      key: 'timeout',
      flags: '--timeout <ms>',
      env: 'QWH_TIMEOUT_MS',
      description: 'deadline of each delivery (default 15000)',
      value: { type: 'int', min: 100, max: 600_000, unit: 'ms' },
      default: 15_000,
    },
    {
      key: 'dryRun',
      flags: '--dry-run',
      description: 'count what each webhook would receive; send nothing',
      value: { type: 'boolean' },
      default: false,
    },
    jsonRow('print one JSON document on stdout (the summary)'),
  ],
});
