// Times routing alone (pure, in-process, after load and validation) on an account file: every
// known target (each website in both campaign kinds, each campaign, "any other campaign")
// routed before and after the plan and compared — what `qwh routes --plan` computes and what
// planMigration's routing blocker adds to planning. Usage: node bench/routes-core.js <file.json>
import { validateAccount } from '../dist/core/account/validate.js';
import { planMigration } from '../dist/core/migrate/plan.js';
import { planRouting } from '../dist/core/routing/blockers.js';
import { loadBenchAccount, PLAN_OPTIONS, SOURCE, timeSeven } from './account-core.js';

const { parsed, account } = loadBenchAccount(process.argv[2]);
const units = planMigration(account, SOURCE, PLAN_OPTIONS).units;
let rows = 0;
let preserved = true;
timeSeven(
  // A fresh copy each run: the routing index is memoised per account object.
  () => validateAccount(parsed.value).account,
  (a) => {
    const { report } = planRouting(a, units);
    rows = report.rows.length;
    preserved = report.plan.preserved;
    if (!preserved) throw new Error('bench account: routing not preserved');
  },
  () => ({ rows }),
);
