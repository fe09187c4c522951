/**
 * Every user-facing string of qwh (DESIGN.md), one file per command. Tests import these rather
 * than copying text. Plain data and functions only: no imports from any other layer, so every
 * layer, src/core included, may use it.
 */
import { CLI_MESSAGES } from './cli.js';
import { INPUT_MESSAGES } from './input.js';
import { CHECK_MESSAGES } from './check.js';
import { CONFIG_MESSAGES } from './config.js';
import { SECRETS_MESSAGES } from './secrets.js';
import { SAMPLE_MESSAGES } from './sample.js';
import { SIGN_MESSAGES } from './sign.js';
import { DIFF_MESSAGES } from './diff-payload.js';
import { INIT_MESSAGES } from './init.js';
import { COMPLETION_MESSAGES } from './completion.js';
import { ENDPOINT_MESSAGES } from './test-endpoint.js';
import { LISTEN_MESSAGES } from './listen.js';
import { MIGRATE_MESSAGES } from './migrate.js';
import { OPTIONS_MESSAGES } from './options.js';
import { ADAPTER_MESSAGES } from './adapter.js';
import { ROUTES_MESSAGES } from './routes.js';
import { SIMULATE_MESSAGES } from './simulate.js';
import { SUMMARY_MESSAGES } from './summary.js';

export const MESSAGES = {
  cli: CLI_MESSAGES,
  input: INPUT_MESSAGES,
  check: CHECK_MESSAGES,
  config: CONFIG_MESSAGES,
  secrets: SECRETS_MESSAGES,
  sample: SAMPLE_MESSAGES,
  sign: SIGN_MESSAGES,
  diff: DIFF_MESSAGES,
  init: INIT_MESSAGES,
  completion: COMPLETION_MESSAGES,
  endpoint: ENDPOINT_MESSAGES,
  listen: LISTEN_MESSAGES,
  migrate: MIGRATE_MESSAGES,
  options: OPTIONS_MESSAGES,
  adapter: ADAPTER_MESSAGES,
  routes: ROUTES_MESSAGES,
  simulate: SIMULATE_MESSAGES,
  summary: SUMMARY_MESSAGES,
} as const;
