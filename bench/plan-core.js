// Times planMigration alone (pure planning, in-process, after load and validation) on an account
// file: what "plan" means without the preview diffs, the re-validation of the edited text and
// process start-up that `qwh migrate --dry-run` adds. Usage: node bench/plan-core.js <file.json>
import { readFileSync } from 'node:fs';
import { validateAccount } from '../dist/core/account/validate.js';
import { ACCOUNT_FILE_LIMITS } from '../dist/core/input/limits.js';
import { parseDocumentText } from '../dist/core/input/parse-document.js';
import { planMigration } from '../dist/core/migrate/plan.js';

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
const times = [];
for (let i = 0; i < 7; i++) {
  const t0 = performance.now();
  planMigration(v.account, { file: 'bench.json', sha256: 'x' }, options);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
process.stdout.write(JSON.stringify({ ms: times[3], min: times[0], max: times[6] }) + '\n');
