import type { OptionTable } from './spec.js';
import { ADAPTER_TEST_OPTIONS } from './adapter.js';
import { CHECK_OPTIONS } from './check.js';
import { COMMON_OPTIONS } from './common.js';
import { DIFF_PAYLOAD_OPTIONS } from './diff-payload.js';
import { INIT_OPTIONS } from './init.js';
import { LISTEN_OPTIONS } from './listen.js';
import {
  MIGRATE_BACKUPS_OPTIONS,
  MIGRATE_CONFIRM_OPTIONS,
  MIGRATE_OBSERVE_OPTIONS,
  MIGRATE_OPTIONS,
  MIGRATE_RESUME_OPTIONS,
  MIGRATE_ROLLBACK_OPTIONS,
  MIGRATE_RUNBOOK_OPTIONS,
  MIGRATE_STATUS_OPTIONS,
} from './migrate.js';
import { ROUTES_OPTIONS } from './routes.js';
import { SAMPLE_OPTIONS } from './sample.js';
import { SIGN_OPTIONS } from './sign.js';
import { SIMULATE_OPTIONS } from './simulate.js';
import { TEST_ENDPOINT_OPTIONS } from './test-endpoint.js';
import { VERIFY_OPTIONS } from './verify.js';

/** Every command's option table, in the README's order (scripts/gen-options.js renders them). */
export const OPTION_TABLES: readonly OptionTable[] = [
  INIT_OPTIONS,
  CHECK_OPTIONS,
  ROUTES_OPTIONS,
  MIGRATE_OPTIONS,
  MIGRATE_RESUME_OPTIONS,
  MIGRATE_ROLLBACK_OPTIONS,
  MIGRATE_BACKUPS_OPTIONS,
  MIGRATE_STATUS_OPTIONS,
  MIGRATE_CONFIRM_OPTIONS,
  MIGRATE_OBSERVE_OPTIONS,
  MIGRATE_RUNBOOK_OPTIONS,
  TEST_ENDPOINT_OPTIONS,
  LISTEN_OPTIONS,
  SIMULATE_OPTIONS,
  DIFF_PAYLOAD_OPTIONS,
  ADAPTER_TEST_OPTIONS,
  SAMPLE_OPTIONS,
  SIGN_OPTIONS,
  VERIFY_OPTIONS,
  COMMON_OPTIONS,
];
