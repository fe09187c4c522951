import { jsonRow } from './shared-rows.js';
import { defineOptions } from './spec.js';

/** The file init writes when no --out is given. */
export const DEFAULT_INIT_OUT = 'qualifio-account.yaml';

/** `qwh init`: flags only (the dialogue fills what they leave out); no environment, no config. */
export const INIT_OPTIONS = defineOptions({
  command: 'init',
  rows: [
    {
      key: 'out',
      flags: '--out <account-file>',
      description: `file to write; .json writes JSON (default ${DEFAULT_INIT_OUT})`,
      value: { type: 'path' },
      default: DEFAULT_INIT_OUT,
    },
    {
      key: 'force',
      flags: '--force',
      description: 'replace an existing file without asking (a backup is kept)',
      value: { type: 'boolean' },
    },
    {
      key: 'fromFlags',
      flags: '--from-flags',
      description: 'no dialogue: everything comes from the flags below (CI, scripts)',
      value: { type: 'boolean' },
    },
    {
      key: 'accountId',
      flags: '--account-id <id>',
      description: 'Qualifio account id',
      value: { type: 'string' },
    },
    {
      key: 'accountName',
      flags: '--account-name <name>',
      description: 'account name, as in the back office',
      value: { type: 'string' },
    },
    {
      key: 'website',
      flags: '--website <id=name>',
      description: 'a website of the account (repeatable): names the ids used below',
      value: { type: 'list' },
      repeatable: true,
    },
    {
      key: 'v1Url',
      flags: '--v1-url <url>',
      description: 'account-level webhook 1.0 URL, when it holds no credentials',
      value: { type: 'string' },
    },
    {
      key: 'v1UrlEnv',
      flags: '--v1-url-env <name>',
      description:
        'read the account-level webhook 1.0 URL from this environment variable (URL with credentials)',
      value: { type: 'string' },
    },
    {
      key: 'websiteWebhook',
      flags: '--website-webhook <id=url>',
      description: 'a website-level webhook 1.0 URL without credentials (repeatable)',
      value: { type: 'list' },
      repeatable: true,
    },
    {
      key: 'websiteWebhookEnv',
      flags: '--website-webhook-env <id=name>',
      description: 'a website-level webhook 1.0 URL read from an environment variable (repeatable)',
      value: { type: 'list' },
      repeatable: true,
    },
    {
      key: 'rule',
      flags: '--rule <spec>',
      description:
        'a push rule (repeatable): default:DEST, website:ID:MODE:DEST, masterForm:ID:DEST, campaign:ID:DEST; DEST - = exclusion',
      value: { type: 'list' },
      repeatable: true,
    },
    {
      key: 'masterForm',
      flags: '--master-form <id=name>',
      description: 'name of a Master Form used by a rule (repeatable)',
      value: { type: 'list' },
      repeatable: true,
    },
    {
      key: 'campaign',
      flags: '--campaign <id=name[@website]>',
      description:
        'a campaign (repeatable): its name, and @WEBSITE-ID the website it runs on — declares it without a campaign feed',
      value: { type: 'list' },
      repeatable: true,
    },
    {
      key: 'schema',
      flags: '--schema <ref>',
      description:
        "JSON Schema reference written on the first line: local (default, relative path to this installation's copy), url (versioned jsDelivr URL; resolves once qwh is published on npm), none, or your own URL/path",
      value: { type: 'string' },
      default: 'local',
    },
    {
      key: 'campaignFeed',
      flags: '--campaign-feed <url|file>',
      description:
        'fill websites and campaigns (ids, names, website of each campaign) from a Qualifio campaign feed: URL or saved JSON file',
      value: { type: 'string' },
    },
    jsonRow('print one JSON document on stdout (what was written, credentials masked)'),
  ],
});
