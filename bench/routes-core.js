// Times routing alone (pure, in-process, after load and validation) on an account file: every
// known target (each website in both campaign kinds, each campaign, "any other campaign")
// routed before and after the plan and compared — what `qwh routes --plan` computes and what
// planMigration's routing blocker adds to planning. Usage: node bench/routes-core.js <file.json>
import { readFileSync } from 'node:fs';
import { validateAccount } from '../dist/core/account/validate.js';
import { ACCOUNT_FILE_LIMITS } from '../dist/core/input/limits.js';
import { parseDocumentText } from '../dist/core/input/parse-document.js';
import { planMigration } from '../dist/core/migrate/plan.js';
import { planRouting } from '../dist/core/routing/blockers.js';

const text = readFileSync(process.argv[2], 'utf8');
const parsed = parseDocumentText(text, 'json', ACCOUNT_FILE_LIMITS);
const v = validateAccount(parsed.value);
if (!v.ok) throw new Error('invalid account');
const options = {
  incomplete: false,
  keepV1: false,
  skipVerify: false,
  allowInsecureHost: false,
  queryToken: 'keep',
  secretEnv: 'QWH_BENCH_SECRET',
};
const units = planMigration(v.account, { file: 'bench.json', sha256: 'x' }, options).units;
const times = [];
let rows = 0;
let preserved = true;
for (let i = 0; i < 7; i++) {
  // A fresh copy each run: the routing index is memoised per account object.
  const account = validateAccount(parsed.value).account;
  const t0 = performance.now();
  const { report } = planRouting(account, units);
  times.push(performance.now() - t0);
  rows = report.rows.length;
  preserved = report.plan.preserved;
}
if (!preserved) throw new Error('bench account: routing not preserved');
times.sort((a, b) => a - b);
process.stdout.write(JSON.stringify({ ms: times[3], min: times[0], max: times[6], rows }) + '\n');
