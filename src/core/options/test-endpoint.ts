import { authFlagRows, previousSecretFlagRows } from './shared-rows.js';
import { defineOptions } from './spec.js';

/** Report formats of test-endpoint. */
export const TEST_ENDPOINT_REPORTERS = ['human', 'json', 'junit', 'github'] as const;

/** `qwh test-endpoint`: flag > QWH_* > qwh.config.* › testEndpoint > --webhook of the account file > default. */
export const TEST_ENDPOINT_OPTIONS = defineOptions({
  command: 'test-endpoint',
  section: 'testEndpoint',
  rows: [
    {
      key: 'url',
      arg: 0,
      description: 'receiver URL',
      value: { type: 'url' },
      env: 'QWH_ENDPOINT_URL',
      config: 'url',
    },
    {
      key: 'version',
      flags: '--version <n>',
      description: 'webhook version of the deliveries (default 2)',
      value: { type: 'version' },
      config: 'version',
      default: 2,
    },
    {
      key: 'account',
      flags: '--account <file>',
      description: 'account file holding the webhook (with --webhook)',
      value: { type: 'path' },
    },
    {
      key: 'webhook',
      flags: '--webhook <key>',
      description: 'take URL, auth header and secret from this webhook of the account file',
      value: { type: 'string' },
    },
    ...authFlagRows('the receiver requires'),
    ...previousSecretFlagRows,
    {
      key: 'authHeader',
      description: 'auth header the receiver requires: { name, value: { env } | { file } }',
      value: { type: 'auth-header' },
      config: 'authHeader',
    },
    {
      key: 'secret',
      description: 'HMAC secret: { env: NAME } or { file: PATH }',
      value: { type: 'secret-ref' },
      config: 'secret',
    },
    {
      key: 'payload',
      flags: '--payload <path>',
      description: 'your own captured bodies: a JSON file, an NDJSON file, or a folder',
      value: { type: 'path' },
      config: 'payload',
    },
    {
      key: 'sample',
      flags: '--sample <which>',
      description: 'generated samples to send when no --payload (default all)',
      value: { type: 'choice', values: ['complete', 'incomplete', 'all'] },
      config: 'sample',
    },
    {
      key: 'seed',
      flags: '--seed <n>',
      description: 'seed of generated samples and test ids (default: random, printed)',
      value: { type: 'int', min: 0, max: 2 ** 32 - 1 },
      config: 'seed',
    },
    {
      key: 'checks',
      flags: '--checks <list>',
      description: 'comma-separated subset of checks to run (see below)',
      value: { type: 'list' },
      env: 'QWH_CHECKS',
      config: 'checks',
    },
    {
      key: 'timeout',
      flags: '--timeout <ms>',
      description: 'overall deadline per delivery, in ms (default 15000)',
      value: { type: 'int', min: 100, max: 600_000, unit: 'ms' },
      env: 'QWH_TIMEOUT_MS',
      config: 'timeoutMs',
      default: 15_000,
    },
    {
      key: 'warnMs',
      flags: '--warn-ms <ms>',
      description: 'latency check warns when p95 is over this (default 5000)',
      value: { type: 'int', min: 1, max: 600_000, unit: 'ms' },
      env: 'QWH_WARN_MS',
      config: 'warnMs',
      default: 5_000,
    },
    {
      key: 'count',
      flags: '--count <n>',
      description: 'burst mode: send N valid deliveries instead of the check suite',
      value: { type: 'int', min: 1, max: 10_000_000 },
    },
    {
      key: 'concurrency',
      flags: '--concurrency <n>',
      description: 'deliveries in flight at once (default 4; burst 8)',
      value: { type: 'int', min: 1, max: 1024 },
      config: 'concurrency',
    },
    {
      key: 'caFile',
      flags: '--ca-file <file>',
      description: 'extra CA certificate (PEM) to trust, for a private CA',
      value: { type: 'path' },
      env: 'QWH_CA_FILE',
      config: 'caFile',
    },
    {
      key: 'reporter',
      flags: '--reporter <name>',
      description: 'report format (default human)',
      value: { type: 'choice', values: TEST_ENDPOINT_REPORTERS },
      env: 'QWH_REPORTER',
      config: 'reporter',
      default: 'human',
    },
    {
      key: 'json',
      flags: '--json',
      description: 'same as --reporter json: one JSON document on stdout',
      value: { type: 'boolean' },
    },
    {
      key: 'out',
      flags: '--out <file>',
      description:
        'write the --reporter document to this file (the human table still goes to stdout; with github, the annotations stay on stdout and the file gets the JSON report)',
      value: { type: 'path' },
      output: true,
      config: 'out',
    },
    {
      key: 'export',
      flags: '--export <format-and-file...>',
      description:
        'write a load test for other runners instead of sending: --export artillery FILE (scenario + processor; secrets stay in env vars)',
      value: { type: 'list' },
    },
    {
      key: 'strict',
      flags: '--strict',
      description: 'for CI: any skipped or warned check fails the run (exit 1)',
      value: { type: 'boolean' },
      config: 'strict',
    },
  ],
});
