import { Command } from 'commander';
import { SIMULATE_OPTIONS } from '../../core/options/simulate.js';
import { addOptions } from '../options.js';
import { examples, withCommon, type Runner } from './common.js';

/** `qwh simulate`: a Qualifio stand-in for the dual run, offline or against a staging receiver. */
export function simulateCommand(run: Runner): Command {
  const cmd = new Command('simulate')
    .description(
      'a Qualifio stand-in: make participations and deliver them over 1.0 and 2.0 as the push rules route them',
    )
    .argument('[account-file]', SIMULATE_OPTIONS.rows[0].description);
  addOptions(cmd, SIMULATE_OPTIONS).addHelpText(
    'after',
    examples([
      ['qwh simulate --participations 20', 'deliver 20 participations as Qualifio would'],
      ['qwh simulate --participations 20 --dry-run', 'where they would go; nothing sent'],
      [
        'qwh simulate --participations 20 --missing-rule campaign:99888:main-v2',
        'the admin forgot that twin',
      ],
      ['qwh simulate --participations 20 --seed 7 --json', 'the same participations again'],
    ]) +
      `
What it simulates is the back office the account file and the stages describe: a 2.0 webhook
is delivered to only once \`qwh migrate confirm configured\` says it exists; 1.0 until the file
says it is off; --missing-rule takes out a rule the back office lacks. Each participation goes,
as routed by \`qwh routes\`, to every enabled webhook: 1.0 the flat body (complete ones only),
2.0 the signed participation (incomplete ones where the webhook pushes them), with the file's
auth header and secret (read under the same trust rules as migrate). Deliveries carry
X-Qwh-Simulate, not X-Qwh-Test: \`qwh migrate observe\` counts them as real Qualifio deliveries.

Exit codes: 0 every delivery answered 2xx (or --dry-run), 1 a delivery was answered otherwise,
2 invalid account file or flags, 3 a webhook could not be reached, 4 a secret reference of the
file is not trusted (nothing sent), 130 Ctrl-C.
`,
  );
  withCommon(cmd).action(async (_a, _o, c: Command) =>
    run(() => import('../../commands/simulate.js'), c),
  );
  return cmd;
}
