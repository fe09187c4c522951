import { Command } from 'commander';
import { CHECK_OPTIONS } from '../../core/options/check.js';
import { ROUTES_OPTIONS } from '../../core/options/routes.js';
import { bodyFileRow } from '../../core/options/shared-rows.js';
import { SAMPLE_OPTIONS } from '../../core/options/sample.js';
import { SIGN_OPTIONS } from '../../core/options/sign.js';
import { VERIFY_OPTIONS } from '../../core/options/verify.js';
import { addOptions } from '../options.js';
import { examples, withCommon, type Runner } from './common.js';

/** `qwh check`: validate an account file. */
export function checkCommand(run: Runner): Command {
  const cmd = new Command('check')
    .description('validate an account file and show what it holds (webhooks, push rules)')
    .argument('[account-file]', CHECK_OPTIONS.rows[0].description);
  addOptions(cmd, CHECK_OPTIONS).addHelpText(
    'after',
    examples([
      ['qwh check accounts/acme.yaml', 'list webhooks and rules, or every problem'],
      ['qwh check --json > account.json', 'machine-readable summary'],
    ]) + '\nExit codes: 0 valid, 2 invalid (one line per problem: file › field path: message).\n',
  );
  withCommon(cmd).action(async (_a, _o, c: Command) =>
    run(() => import('../../commands/check.js'), c),
  );
  return cmd;
}

/** `qwh sample`: print sample payloads. */
export function sampleCommand(run: Runner): Command {
  const cmd = new Command('sample').description(
    'print realistic, obviously fake sample payloads (2.0, or the matching 1.0 one)',
  );
  addOptions(cmd, SAMPLE_OPTIONS).addHelpText(
    'after',
    examples([
      ['qwh sample --seed 7', 'one 2.0 participation, pretty JSON'],
      ['qwh sample --version 1 --seed 7', 'the same participation as 1.0 sent it'],
      ['qwh sample --count 1000 > s.ndjson', '1000 participations, NDJSON'],
    ]),
  );
  withCommon(cmd).action(async (_o, c: Command) =>
    run(() => import('../../commands/sample.js'), c),
  );
  return cmd;
}

/** `qwh sign`: compute the signature header of a body. */
export function signCommand(run: Runner): Command {
  const cmd = new Command('sign')
    .description('print the X-Qualifio-Signature value of a body (exact bytes, HMAC-SHA256)')
    .argument('[file]', bodyFileRow.description);
  addOptions(cmd, SIGN_OPTIONS).addHelpText(
    'after',
    examples([
      ['QWH_SECRET=… qwh sign --secret-env QWH_SECRET body.json', 'prints sha256=<hex>'],
      ['qwh sample | qwh sign --secret-file .qwh/secret -', 'sign stdin'],
    ]) + '\nThe secret is never an argument: it comes from an environment variable or a file.\n',
  );
  withCommon(cmd).action(async (_f, _o, c: Command) =>
    run(() => import('../../commands/sign.js'), c),
  );
  return cmd;
}

/** `qwh verify`: check a signature against a body. */
export function verifyCommand(run: Runner): Command {
  const cmd = new Command('verify')
    .description('check an X-Qualifio-Signature value against a body; says why it fails')
    .argument('[file]', bodyFileRow.description);
  addOptions(cmd, VERIFY_OPTIONS).addHelpText(
    'after',
    examples([
      [
        'qwh verify --secret-env QWH_SECRET --signature "sha256=…" body.json',
        'exit 0 match, 1 mismatch',
      ],
    ]) +
      '\nExit codes: 0 the signature matches, 1 it does not (the reason is printed), 2 bad input.\n',
  );
  withCommon(cmd).action(async (_f, _o, c: Command) =>
    run(() => import('../../commands/verify.js'), c),
  );
  return cmd;
}

/** `qwh routes`: where every participation goes, today and after the plan. */
export function routesCommand(run: Runner): Command {
  const cmd = new Command('routes')
    .description('where each participation is pushed: every website, Master Form and campaign')
    .argument('[account-file]', ROUTES_OPTIONS.rows[0].description);
  addOptions(cmd, ROUTES_OPTIONS).addHelpText(
    'after',
    examples([
      ['qwh routes accounts/acme.yaml', "today's destinations of every known target"],
      ['qwh routes --plan', 'before → after the migration, and a verdict'],
      ['qwh routes --plan --reporter markdown > routes.md', 'for a ticket or a PR'],
    ]) +
      '\nRows: each website (identified and anonymous campaigns), each Master Form, each campaign,\n' +
      'and "any other campaign". "Newly pushed" rows (participations 1.0 never received) are shown\n' +
      'and do not count as a difference.\n' +
      '\nExit codes: 0 routes listed / routing preserved, 1 routing not preserved (--plan: the rows\n' +
      'that lose deliveries are listed), 2 invalid account file or flags.\n',
  );
  withCommon(cmd).action(async (_a, _o, c: Command) =>
    run(() => import('../../commands/routes.js'), c),
  );
  return cmd;
}
