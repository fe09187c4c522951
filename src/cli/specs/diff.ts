import { Command } from 'commander';
import { DIFF_PAYLOAD_OPTIONS } from '../../core/options/diff-payload.js';
import { addOptions } from '../options.js';
import { examples, withCommon, type Runner } from './common.js';

/** `qwh diff-payload`: what import rules must change from 1.0 to 2.0. */
export function diffPayloadCommand(run: Runner): Command {
  const cmd = new Command('diff-payload')
    .description(
      'compare 1.0 and 2.0 payloads: where each 1.0 field went (moved, type-changed, removed), what is new',
    )
    .argument(
      '[v1-input]',
      '1.0 payloads: JSON file, folder of JSON files, NDJSON file, or - (stdin)',
    )
    .argument('[v2-input]', '2.0 payloads, same forms (with no inputs: a demo on bundled samples)');
  addOptions(cmd, DIFF_PAYLOAD_OPTIONS);
  cmd.addHelpText(
    'after',
    examples([
      ['qwh diff-payload', 'demo on bundled samples (no captures needed)'],
      ['qwh diff-payload v1.ndjson v2.ndjson', 'what moved, changed type, disappeared'],
      [
        'qwh diff-payload v1/ v2.ndjson --rules rules.yaml --fail-on breaking',
        'CI gate on the fields you read',
      ],
      ['qwh diff-payload v1.ndjson v2.ndjson --format markdown > diff.md', 'report for a ticket'],
      ['qwh sample --version 1 --count 50 | qwh diff-payload - v2.ndjson', '1.0 side from stdin'],
    ]) +
      `
Classes: moved (rewrite the rule), type-changed, removed (breaking), ambiguous (settle with --map),
unchanged, added (new in 2.0, informational). Breaking = removed, or a type change a receiver
cannot absorb; with --rules, any ERR.

Exit codes: 0 done (or --fail-on not met), 1 --fail-on met, 2 bad input (names the file and line
of an invalid record; --skip-invalid counts and skips them).
`,
  );
  withCommon(cmd).action(async (_a, _b, _o, c: Command) =>
    run(() => import('../../commands/diff-payload.js'), c),
  );
  return cmd;
}
