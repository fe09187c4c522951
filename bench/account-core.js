// Shared by bench/plan-core.js and bench/routes-core.js: an account file loaded and validated
// in-process (outside the timing), the plan options a plain `qwh migrate` uses, and the median of
// seven timed runs.
import { readFileSync } from 'node:fs';
import { validateAccount } from '../dist/core/account/validate.js';
import { ACCOUNT_FILE_LIMITS } from '../dist/core/input/limits.js';
import { parseDocumentText } from '../dist/core/input/parse-document.js';

/** The parsed document (to re-validate into a fresh account) and its validated account. */
export function loadBenchAccount(file) {
  const parsed = parseDocumentText(readFileSync(file, 'utf8'), 'json', ACCOUNT_FILE_LIMITS);
  const v = validateAccount(parsed.value);
  if (!v.ok) throw new Error(`${file}: invalid account`);
  return { parsed, account: v.account };
}

export const PLAN_OPTIONS = {
  incomplete: false,
  keepV1: false,
  skipVerify: false,
  allowInsecureHost: false,
  queryToken: 'keep',
  secretEnv: 'QWH_BENCH_SECRET',
};
export const SOURCE = { file: 'bench.json', sha256: 'x' };

/** Runs `setup` untimed then `run` timed, seven times; prints the median, min and max ms plus `extra`. */
export function timeSeven(setup, run, extra = () => ({})) {
  const times = [];
  for (let i = 0; i < 7; i++) {
    const input = setup();
    const t0 = performance.now();
    run(input);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  process.stdout.write(
    JSON.stringify({ ms: times[3], min: times[0], max: times[6], ...extra() }) + '\n',
  );
}
