import { Command } from 'commander';
import { ADAPTER_TEST_OPTIONS } from '../../core/options/adapter.js';
import { addOptions } from '../options.js';
import { examples, withCommon, type Runner } from './common.js';

/** `qwh adapter test`: prove a generated 2.0 → 1.0 adapter on paired captures. */
export function adapterCommand(run: Runner): Command {
  const cmd = new Command('adapter').description(
    'check an adapter from `diff-payload --emit-adapter` (2.0 → the 1.0 record your import rules read)',
  );
  const test = new Command('test')
    .description(
      'run the adapter on every paired 2.0 capture and compare with its 1.0 twin, field by field',
    )
    .argument('<adapter>', 'the adapter file (.js, .mjs, .ts, .mts, .py, .jq)')
    .argument('<v1-input>', '1.0 captures: JSON file, folder, NDJSON file, or - (stdin)')
    .argument('<v2-input>', '2.0 captures of the same participations, same forms');
  addOptions(test, ADAPTER_TEST_OPTIONS);
  test.addHelpText(
    'after',
    examples([
      [
        'qwh diff-payload v1.ndjson v2.ndjson --emit-adapter js --out to-v1.js',
        'generate the adapter…',
      ],
      ['qwh adapter test to-v1.js v1.ndjson v2.ndjson', '…and prove it: "20/20 pairs identical"'],
      ['qwh adapter test to_v1.py v1/ v2.ndjson --json', 'Python (python3); jq adapters need jq'],
    ]) +
      `
JS and TS adapters run inside qwh (a .ts adapter is stripped of its generated types); Python runs
with python3 and jq with jq. Values compare with their types ("42" is not 42); a key absent, undefined
or null counts as "no value" on both sides. Values shown are masked like every qwh output.

Exit codes: 0 every pair identical, 1 some field differs (each is named with a pair),
2 bad input (no pairs, an invalid capture, a missing runtime).
`,
  );
  withCommon(test).action(async (_a, _b, _c, _o, c: Command) =>
    run(() => import('../../commands/adapter-test.js'), c),
  );
  cmd.addCommand(test);
  return cmd;
}
