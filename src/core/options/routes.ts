import { jsonRow } from './shared-rows.js';
import { defineOptions } from './spec.js';

/** Report formats of routes. */
export const ROUTES_REPORTER_NAMES = ['human', 'json', 'markdown'] as const;

/** `qwh routes [account-file]`: flag > default (no config section: nothing to configure). */
export const ROUTES_OPTIONS = defineOptions({
  command: 'routes',
  rows: [
    {
      key: 'file',
      arg: 0,
      description:
        'account file (default: `account` from config, else ./qualifio-account.{yaml,yml,json})',
      value: { type: 'path' },
    },
    {
      key: 'plan',
      flags: '--plan',
      description:
        'also route after the plan `qwh migrate` makes (default options): before → after, and a verdict',
      value: { type: 'boolean' },
      default: false,
    },
    {
      key: 'reporter',
      flags: '--reporter <name>',
      description: 'report format (default: human)',
      value: { type: 'choice', values: ROUTES_REPORTER_NAMES },
    },
    jsonRow('print one JSON document on stdout (same as --reporter json)'),
  ],
});
