import { Command } from 'commander';
import { LISTEN_OPTIONS } from '../../core/options/listen.js';
import { TEST_ENDPOINT_OPTIONS } from '../../core/options/test-endpoint.js';
import { addOptions } from '../options.js';
import { examples, withCommon, type Runner } from './common.js';

/** `qwh test-endpoint`: judge a receiver with signed test deliveries. */
export function testEndpointCommand(run: Runner): Command {
  const cmd = new Command('test-endpoint')
    .description(
      'judge a webhook receiver the way Qualifio hits it: signed deliveries, forged ones, redirects, duplicates, latency',
    )
    .argument(
      '[url]',
      'receiver URL (default: QWH_ENDPOINT_URL, testEndpoint.url, or the --webhook host)',
    );
  addOptions(cmd, TEST_ENDPOINT_OPTIONS);
  cmd.addHelpText(
    'after',
    examples([
      [
        'QWH_SECRET=… qwh test-endpoint https://hooks.example/q --secret-env QWH_SECRET',
        'every check',
      ],
      [
        'qwh test-endpoint --account acme.yaml --webhook main-v2',
        'URL, auth and secret from the file',
      ],
      [
        'qwh test-endpoint URL --secret-env S --reporter junit --out qwh.xml',
        'CI: JUnit file + table',
      ],
      [
        'qwh test-endpoint URL --secret-env S --count 2000 --concurrency 32',
        'burst: throughput, p95',
      ],
      ['qwh test-endpoint URL --payload captures/ --checks accepts-complete', 'your own bodies'],
      [
        'qwh test-endpoint URL --secret-env S --count 100000 --export artillery burst.yml',
        'Artillery load test',
      ],
    ]) +
      `
Checks: accepts-complete, accepts-incomplete, accepts-both-secrets, rejects-tampered-body,
  rejects-wrong-secret, rejects-missing-signature, rejects-missing-auth, rejects-wrong-auth,
  no-redirect, duplicate-delivery, latency (burst mode: burst, no-redirect, latency).
  Signature checks are skipped without a secret, auth checks without an auth header,
  accepts-both-secrets without --previous-secret-env/-file (a rotation: Qualifio may sign with
  the previous secret for 30 minutes after a change).

Environment: QWH_ENDPOINT_URL, QWH_TIMEOUT_MS, QWH_WARN_MS, QWH_CA_FILE, QWH_REPORTER, QWH_CHECKS
  (flags > environment > testEndpoint in qwh.config.* > defaults).

Exit codes: 0 all checks pass (warnings allowed), 1 a check failed, 2 bad input,
  3 the endpoint could not be reached at all, 4 refused address (link-local / cloud metadata).
`,
  );
  withCommon(cmd).action(async (_u, _o, c: Command) =>
    run(() => import('../../commands/test-endpoint.js'), c),
  );
  return cmd;
}

/** `qwh listen`: a local receiver that verifies like a careful one. */
export function listenCommand(run: Runner): Command {
  const cmd = new Command('listen').description(
    'run a local webhook receiver that verifies signatures, auth, the 2.0 model, and dedupes',
  );
  addOptions(cmd, LISTEN_OPTIONS);
  cmd.addHelpText(
    'after',
    examples([
      ['QWH_SECRET=… qwh listen --secret-env QWH_SECRET', 'verify signatures; prints the URL'],
      [
        'qwh listen --port 8787 --auth-header-name Authorization --auth-header-env TOKEN',
        'require an auth header',
      ],
      ['qwh listen --json --save deliveries.ndjson', 'events as NDJSON; keep what arrived'],
      [
        'qwh listen --host 0.0.0.0 --port 8787 --secret-env S --forward-to http://127.0.0.1:3000/hooks --save dual-run.ndjson',
        'relay in front of your receiver for the dual run; then qwh migrate observe --captures dual-run.ndjson',
      ],
      [
        'qwh listen --secret-env NEW --previous-secret-env OLD',
        'secret rotation: accept both (Qualifio may sign with the old one for 30 minutes)',
      ],
    ]) +
      `
Answers: 200 accepted (or duplicate, same id again), 401 bad/missing signature or auth header,
  400 not a participation, 413 body over 1 MiB, 405 not a POST.
With --forward-to (relay): every delivery is forwarded as it came (exact bytes, headers but the
  hop-by-hop ones), whatever qwh judged of it; the sender gets the receiver's status and body
  (up to 8 KiB), 502 when it does not answer or redirects, 504 after --forward-timeout. --save
  then records every delivery, 1.0 and 2.0, in the capture format (docs/migrate.md).
The ready URL is printed on stderr ("qwh listen: ready at URL"), and first on stdout with --json.
Ctrl-C or SIGTERM stops it cleanly and flushes --save.

Exit codes: 0 stopped by Ctrl-C/SIGTERM, 2 bad input (flags, secret, port in use, --save),
  4 refused --forward-to address (link-local / cloud metadata), 130 a second Ctrl-C.
`,
  );
  withCommon(cmd).action(async (_o, c: Command) =>
    run(() => import('../../commands/listen.js'), c),
  );
  return cmd;
}
