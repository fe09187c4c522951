import { jsonRow } from './shared-rows.js';
import { defineOptions } from './spec.js';

/** Report formats of check. */
export const CHECK_REPORTERS = ['human', 'json', 'junit', 'github'] as const;

/** `qwh check [account-file]`: the file argument, else `account` of the config, else the default name. */
export const CHECK_OPTIONS = defineOptions({
  command: 'check',
  rows: [
    {
      key: 'file',
      arg: 0,
      description:
        'account file (default: `account` from config, else ./qualifio-account.{yaml,yml,json})',
      value: { type: 'path' },
    },
    {
      key: 'campaignFeed',
      flags: '--campaign-feed <url|file>',
      description:
        'compare with a Qualifio campaign feed (URL or saved JSON file): websites and campaigns the file lacks (exit 1)',
      value: { type: 'string' },
    },
    {
      key: 'reporter',
      flags: '--reporter <name>',
      description:
        'report format: human (default), json, junit (each problem a failure) or github (::error per problem, ::warning per warning)',
      value: { type: 'choice', values: CHECK_REPORTERS },
    },
    jsonRow('print one JSON document on stdout'),
  ],
});
