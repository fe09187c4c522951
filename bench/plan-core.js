// Times planMigration alone (pure planning, in-process, after load and validation) on an account
// file: what "plan" means without the preview diffs, the re-validation of the edited text and
// process start-up that `qwh migrate --dry-run` adds. Usage: node bench/plan-core.js <file.json>
import { planMigration } from '../dist/core/migrate/plan.js';
import { loadBenchAccount, PLAN_OPTIONS, SOURCE, timeSeven } from './account-core.js';

const { account } = loadBenchAccount(process.argv[2]);
timeSeven(
  () => account,
  (a) => planMigration(a, SOURCE, PLAN_OPTIONS),
);
