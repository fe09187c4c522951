const deliveries = (n: number): string => `${n} ${n === 1 ? 'delivery' : 'deliveries'}`;

/** What qwh says for `endpoint`. */
export const ENDPOINT_MESSAGES = {
  titles: {
    'accepts-complete': 'accepts a signed complete participation',
    'accepts-incomplete': 'accepts a signed incomplete participation',
    'accepts-both-secrets':
      'accepts deliveries signed with the new and the previous secret (rotation)',
    'rejects-tampered-body': 'rejects a body changed after signing',
    'rejects-wrong-secret': 'rejects a signature made with another secret',
    'rejects-missing-signature': 'rejects a delivery without signature',
    'rejects-missing-auth': 'rejects a delivery without the auth header',
    'rejects-wrong-auth': 'rejects a wrong auth header value',
    'no-redirect': 'never answers with a redirect',
    'duplicate-delivery': 'accepts the same participation twice (dedupes on id)',
    latency: 'answers fast enough',
    burst: 'accepts every delivery of the burst',
  } as Record<string, string>,
  complete: 'complete participation',
  incomplete: 'incomplete participation',
  delivery: 'delivery',
  acceptedAll: (n: number, what: string, statuses: string) =>
    n === 1 ? `accepted the ${what} (${statuses})` : `accepted all ${n} ${what}s (${statuses})`,
  nOf: (bad: number, n: number) => `${bad} of ${n}: `,
  noResponse: (why: string) => `no response: ${why}`,
  redirected: (what: string) =>
    `answered ${what}: a redirect is a failed delivery (qwh, like Qualifio, never follows one)`,
  serverError: (status: number, what: string) => `server error ${status} for a valid ${what}`,
  refusedValid: (status: number, what: string) =>
    `refused a correctly signed ${what} (${status}): the receiver's secret or auth header is not the one qwh used`,
  refusedUnsigned: (status: number, what: string) =>
    `refused the ${what} (${status}); it was not signed (no secret given): pass --secret-env or --secret-file if the receiver checks signatures, and its auth header if it needs one`,
  rejectedValid: (status: number, what: string) => `rejected a valid ${what} (${status})`,
  rejectedWith: (status: number) => `rejected with ${status}`,
  forgedServerError: (status: number) =>
    `answered ${status}: a 5xx to a forged delivery is retried by senders; answer 401 or 403`,
  forgedRedirect: (what: string) => `answered ${what} instead of a 4xx`,
  acceptedTampered: (status: number) =>
    `accepted a body changed by one byte after signing (${status}): the signature is not checked against the raw body`,
  acceptedWrongSecret: (status: number) =>
    `accepted a delivery signed with another secret (${status}): signatures are not verified`,
  acceptedMissingSignature: (status: number) =>
    `accepted a delivery without X-Qualifio-Signature (${status}): unsigned requests get through`,
  acceptedMissingAuth: (name: string, status: number) =>
    `accepted a delivery without the ${name} header (${status})`,
  acceptedWrongAuth: (name: string, status: number) => `accepted a wrong ${name} value (${status})`,
  skipNoSecret:
    'no secret configured (--secret-env / --secret-file, testEndpoint.secret, or the webhook of --account)',
  skipNoAuth:
    'no auth header configured (--auth-header-name with --auth-header-env / --auth-header-file)',
  skipNoPreviousSecret:
    'no previous secret (--previous-secret-env/-file): no rotation window to check',
  signedCurrentAndPrevious: 'delivery signed with the new or the previous secret',
  skipV1Incomplete: 'webhook 1.0 never sent incomplete participations',
  skipSampleComplete: '--sample complete: no incomplete participation is sent',
  skipSampleIncomplete: '--sample incomplete: no complete participation is sent',
  skipNoCompletePayload: 'none of the --payload bodies is a complete participation',
  skipNoIncompletePayload:
    'none of the --payload bodies is an incomplete participation (state INCOMPLETE)',
  skipNoResponses: 'no response to judge',
  skipNotSelected: 'not selected by --checks',
  noRedirectPass: (n: number) => `no redirect in ${n} response${n === 1 ? '' : 's'}`,
  noRedirectFail: (n: number, first: string, check: string) =>
    `${n} redirect${n === 1 ? '' : 's'}, first ${first} (${check})`,
  duplicatePass: (a: number, b: number) => `accepted both deliveries (${a}, then ${b})`,
  duplicateFirstFailed: (what: string) => `the first delivery already failed: ${what}`,
  duplicateSecondFailed: (what: string) =>
    `accepted the first delivery but not the repeat: ${what} (a repeat must be a 2xx; dedupe on id)`,
  latencyPass: (p95: number, warn: number) => `p95 ${p95} ms (warn over ${warn} ms)`,
  latencyWarn: (p95: number, warn: number) =>
    `p95 ${p95} ms is over ${warn} ms: answer first, process later (queue the work)`,
  burstPass: (n: number) =>
    n === 1 ? 'the delivery answered 2xx' : `all ${n} deliveries answered 2xx`,
  burstFail: (bad: number, n: number, histogram: string) =>
    `${bad} of ${deliveries(n)} not accepted (${histogram})`,
  failure: {
    dns: (code: string) => `DNS lookup failed (${code})`,
    refused: 'connection refused',
    reset: 'connection reset or closed by the server before an answer',
    tls: (code: string) => `TLS failed (${code})`,
    timeout: (ms: number) => `no answer within ${ms} ms`,
    other: (msg: string) => msg,
  },
  signatureExplain: {
    sent: (bytes: number, sha256: string) =>
      `qwh signed the exact ${bytes} bytes it sent (sha256 ${sha256})`,
    header: (shown: string) => `and sent X-Qualifio-Signature: ${shown}`,
    causes:
      'Usual causes: the receiver re-serialises the body (parse then stringify) before computing the HMAC instead of using the raw bytes; the secret differs (extra space/newline, another encoding, or Qualifio still using the old one for up to 30 minutes); the digest is compared in another encoding (must be lower-case hex); or the auth header value differs.',
  },
  seedChosen: (seed: number) => `seed ${seed} (replay this run with --seed ${seed})`,
  strictFail: (was: 'skip' | 'warn', reason: string) =>
    `--strict: ${was === 'skip' ? 'skipped' : 'warning'} counts as a failure (${reason})`,
  reserialised: (status: number) =>
    `refused (${status}) a correctly signed body indented like Qualifio's published example, after accepting compact ones: your receiver hashes a re-serialised body, not the raw bytes — compute the HMAC over the request body exactly as received`,
  unreachable: (url: string) => `could not reach ${url}: no delivery got any answer`,
  verdictPass: 'all checks passed',
  verdictFail: (n: number) => `${n} check${n === 1 ? '' : 's'} failed`,
  verdictUnreachable: 'endpoint unreachable',
  summary: (p: number, f: number, w: number, s: number) =>
    `${p} passed, ${f} failed, ${w} warning${w === 1 ? '' : 's'}, ${s} skipped`,
  skippedNote: (n: number, why: string) => `${n} check${n === 1 ? '' : 's'} skipped: ${why}`,
  testing: (url: string) => `testing ${url}`,
  progress: (done: number, total: number) => `${done}/${deliveries(total)}`,
  needUrl: 'no endpoint URL given',
  credentialsInArgv:
    'the URL holds credentials (user:password or a token), and arguments are visible to every process',
  credentialsInArgvHint:
    'Give the credentials as the auth header: --auth-header-name Authorization --auth-header-env NAME (or --auth-header-file FILE), or put the whole URL in QWH_ENDPOINT_URL.',
  needUrlHint:
    'Pass it (qwh test-endpoint https://hooks.example/q), set testEndpoint.url in qwh.config.*, QWH_ENDPOINT_URL, or use --account FILE --webhook KEY.',
  badUrl: (shown: string) => `${shown}: not an http(s) URL`,
  badUrlHint: 'Give the full URL, e.g. https://hooks.example.com/qualifio.',
  blocked: (host: string, why: string) =>
    `refusing to send to ${host}: it is ${why}, where a test request could read cloud credentials`,
  blockedResolved: (host: string, ip: string, why: string) =>
    `refusing to send to ${host}: it resolves to ${ip}, ${why}`,
  blockedHint:
    'qwh never targets link-local or cloud-metadata addresses. Use the receiver’s real host name.',
  unknownChecks: (names: string) => `--checks: unknown check ${names}`,
  unknownChecksHint: (valid: string) => `Valid checks: ${valid}.`,
  noWebhook: (file: string, key: string) => `${file}: no webhook with key "${key}"`,
  noWebhookHint: (keys: string) => `Webhook keys in the file: ${keys || '(none)'}.`,
  accountNeedsWebhook: '--account needs --webhook KEY (which webhook of the file to test)',
  webhookNeedsAccount:
    '--webhook needs an account file: --account FILE or `account` in qwh.config.*',
  authNameWithoutValue:
    'an auth header name was given without its value (--auth-header-env NAME or --auth-header-file F)',
  authValueWithoutName: 'an auth header value was given without --auth-header-name',
  badHeaderName: (name: string) => `"${name}" is not a valid HTTP header name`,
  outNeedsReporter: '--out needs --reporter junit, json or github',
  payloadNone: (shown: string) =>
    `${shown}: no payload found (.json, .ndjson, .jsonl or .txt files)`,
  payloadInvalidJson: (where: string, msg: string) => `${where}: not valid JSON (${msg})`,
  payloadNotObject: (where: string) => `${where}: a payload must be one JSON object`,
  payloadStructure: (where: string, problem: string) =>
    `${where}: not a usable payload: ${problem}`,
  payloadNoId: (where: string, field: string) =>
    `${where}: has no text "${field}", which receivers dedupe on`,
  payloadTooMany: (max: number) => `more than ${max} payloads`,
  payloadSchemaWarning: (where: string, problem: string) =>
    `${where} does not match qwh's 2.0 model (${problem}); sending it as captured`,
  payloadHint:
    'Give captured bodies: a .json file (one body), an .ndjson file (one body a line), or a folder of them.',
  v1WithSecret:
    'webhook 1.0 never signed deliveries: the signature checks test a receiver adapted for 2.0',
  reportWritten: (file: string, reporter: string) => `${reporter} report written to ${file}`,
  burstLine: (n: number, time: string, rps: number) => `${deliveries(n)} in ${time} (${rps}/s)`,
  credentialsInUrl:
    'the URL carries credentials: qwh sends them as Basic auth and masks them in every output',
  exportUsage: '--export takes a format and a file: --export artillery FILE',
  exportUsageHint:
    'Example: qwh test-endpoint URL --secret-env QWH_SECRET --export artillery burst.yml',
  exportNeedsEnv: (what: string) =>
    `--export reads ${what} from an environment variable when Artillery runs, never from a file: give it with --${what === 'the secret' ? 'secret' : 'auth-header'}-env NAME`,
  exportCredentialsInUrl:
    '--export does not write credentials: the URL carries user:password or a token; use --auth-header-name with --auth-header-env instead',
  exportUnsupported: (flag: string) => `--export does not take ${flag} (generated samples only)`,
  exportWritten: (scenario: string, processor: string, env: string) =>
    `Artillery scenario written to ${scenario} (processor ${processor}); run: ${env}npx artillery run ${scenario}`,
} as const;
