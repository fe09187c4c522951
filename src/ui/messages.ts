/**
 * Every user-facing string of qwh, in one place (DESIGN.md). Tests import these rather than
 * copying text. Plain data and functions only: no imports, so src/core may use it too.
 */
/** Plain words for the file-system errors a write beside the account file meets. */
const IO_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large (file-size limit reached)',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
};

export const MESSAGES = {
  cli: {
    description:
      'Move a Qualifio account from webhook 1.0 to webhook 2.0 safely: plan, apply, verify, then turn 1.0 off.',
    bugHeader: 'qwh hit an internal error. This is a bug in qwh, not in your files.',
    bugReport:
      'Please report it with the command you ran and the trace above (secrets are masked).',
    interrupted: 'interrupted',
    outputClosed: 'output closed by its reader',
    unknownCommandHint: 'Run `qwh --help` for the list of commands.',
    usageHint: (cmd: string) => `Run \`qwh ${cmd} --help\` for its flags.`,
    needsTty: (flag: string) => `no terminal to ask on, and ${flag} was not given`,
    needsTtyHint: (flag: string) => `Pass ${flag}, or run qwh in a terminal.`,
  },
  input: {
    notFound: (file: string) => `${file}: no such file`,
    notFoundHint: 'Check the path, or run `qwh init` to write an account file.',
    notRegular: (file: string, kind: string) => `${file}: is a ${kind}, not a regular file`,
    notRegularHint: 'Give the path of a JSON or YAML file.',
    tooLarge: (file: string, bytes: number, max: number) =>
      `${file}: ${bytes} bytes is over the ${max}-byte limit for this kind of file`,
    tooLargeHint:
      'An account or config file is a few kilobytes; check that this is the right file.',
    unreadable: (file: string, reason: string) => `${file}: cannot read (${reason})`,
    utf16: (file: string) => `${file}: is UTF-16 text; qwh reads UTF-8`,
    utf16Hint: 'Save the file as UTF-8 (without BOM) and run again.',
    invalidUtf8: (file: string, offset: number) => `${file}: invalid UTF-8 at byte ${offset}`,
    invalidUtf8Hint: 'Save the file as UTF-8 and run again.',
    invalidHint: 'Fix the fields above and run again; `qwh check FILE` lists every problem.',
  },
  check: {
    valid: (file: string) => `${file} is a valid account file.`,
    invalid: (file: string, n: number) => `${file}: ${n} problem${n === 1 ? '' : 's'} found`,
    noWebhooks: 'No webhooks.',
    noRules: 'No push rules.',
    otherIntegration: 'another integration (left alone)',
    exclusion: 'exclusion (no push)',
    nextStep: (file: string) => `Next: qwh migrate ${file} --dry-run`,
    noAccountFile:
      'no account file given, none set as `account` in qwh.config.*, and no ./qualifio-account.{yaml,yml,json}',
    noAccountFileHint:
      'Pass the path (qwh check accounts/acme.yaml) or run `qwh init` to write one.',
  },
  config: {
    invalid: (n: number) => `invalid qwh config (${n} problem${n === 1 ? '' : 's'})`,
    invalidHint: 'Fix the config file; the JSON Schema is schema/qwh-config.schema.json.',
    irregularHint:
      'qwh reads its config from qwh.config.{json,yaml,yml}, .qwhrc{,.json,.yaml,.yml} or package.json#qwh: move this one aside, or pass --config FILE.',
  },
  secrets: {
    envMissing: (name: string) => `environment variable ${name} is not set or empty`,
    envMissingHint: (name: string) =>
      `Export it first: export ${name}=…  (qwh never takes secrets as arguments)`,
    fileMissing: (file: string) => `secret file ${file} cannot be read`,
    fileMissingHint:
      'Check the path (relative paths are resolved from the account or config file).',
    fileEmpty: (file: string) => `secret file ${file} is empty`,
    oneSource: (what: string) => `give ${what} from one source only`,
  },
  sample: {
    v1Incomplete:
      'webhook 1.0 never sent incomplete participations, so there is no 1.0 sample of one',
    v1IncompleteHint: 'Use --version 2 --state incomplete, or --state complete.',
    badNumber: (flag: string, v: string) => `${flag} must be a whole number (got "${v}")`,
    badChoice: (flag: string, v: string, choices: readonly string[]) =>
      `${flag} must be one of ${choices.join(', ')} (got "${v}")`,
  },
  sign: {
    needSecret: 'no secret given',
    needSecretHint: 'Pass --secret-env NAME or --secret-file FILE (never the secret itself).',
    match: 'signature OK: it matches the body and the secret',
    mismatch: (reason: string, detail: string) => `signature ${reason}: ${detail}`,
    causes:
      'Usual causes: the body was re-serialised (parsed and re-stringified) before verifying, whitespace or line endings changed, or the secret has extra spaces/newline or another encoding.',
    bodyFacts: (bytes: number, sha256: string) => `body: ${bytes} bytes, sha256 ${sha256}`,
  },
  diff: {
    needBoth: 'give both inputs (the 1.0 capture, then the 2.0 capture), or none for the demo',
    needBothHint: 'Example: qwh diff-payload v1.ndjson v2.ndjson',
    twoStdin: 'only one input can be - (stdin)',
    twoStdinHint: 'Save one side to a file first.',
    demo: (n: number) =>
      `No inputs given: diffing ${n} bundled sample participations (qwh sample, seeds 1–${n}), 1.0 against 2.0.`,
    demoHint: 'Diff your own captures: qwh diff-payload v1.ndjson v2.ndjson',
    invalidRecord: (where: string, reason: string) => `${where}: ${reason}`,
    invalidRecordHint: 'Fix that record, or pass --skip-invalid to count and skip invalid records.',
    skipped: (source: string, n: number, where: string, reason: string) =>
      `${source}: skipped ${n} invalid record${n === 1 ? '' : 's'} (first: ${where}: ${reason})`,
    noPayloads: (source: string) => `${source}: no payloads found`,
    noPayloadsHint:
      'Give a JSON file, a folder of JSON files, an NDJSON file (one payload a line) or - for stdin.',
    lineTooLong: (bytes: number, max: number) =>
      `line of ${bytes} bytes is over the ${max}-byte limit for one payload (skipped without reading it whole)`,
    invalidUtf8: (offset: number) => `invalid UTF-8 at byte ${offset} of the record`,
    utf16: 'UTF-16 text; qwh reads UTF-8',
    invalidJson: (detail: string) => `invalid JSON (${detail})`,
    notObject: (kind: string) => `not a JSON object (${kind})`,
    tooManyValues: (max: number) => `more than ${max} values in one payload`,
    formNotV2: 'a form-encoded body; only 1.0 sent those, 2.0 sends JSON',
    documentTooLarge: (max: number) =>
      `a single JSON document over ${max} bytes; write one payload a line (NDJSON) to stream it`,
    folderIgnored: (dir: string, n: number) =>
      `${dir}: ignored ${n} file${n === 1 ? '' : 's'} that are not .json, .ndjson, .jsonl, .txt or .form`,
    emptyFolder: (dir: string) => `${dir}: no .json, .ndjson, .jsonl, .txt or .form files`,
    mapInvalidHint:
      'A map file is { "<1.0 field>": "<2.0 path>" | null }, e.g. { "email": "form[variable=email].responses[0].value" }.',
    rulesInvalidHint:
      'A rules file is a list of 1.0 fields: [ "email", { field: "campaign_id", type: "number", required: true } ].',
    mapNotSeen: (fields: readonly string[]) =>
      `--map names 1.0 fields seen in no 1.0 capture: ${fields.join(', ')}`,
    rulesNotSeen: (fields: readonly string[]) =>
      `--rules names fields seen in neither capture (cannot judge them): ${fields.join(', ')}`,
    reading: (side: string, source: string) => `reading ${side} payloads from ${source}`,
    readingProgress: (side: string, source: string, n: number) =>
      `reading ${side} payloads from ${source}: ${n.toLocaleString('en-US')}`,
    read: (side: string, source: string, n: number) =>
      `${side}: ${n.toLocaleString('en-US')} payload${n === 1 ? '' : 's'} from ${source}`,
    header: (v1: string, n1: number, v2: string, n2: number) =>
      `1.0 ${v1} (${n1} payload${n1 === 1 ? '' : 's'}) → 2.0 ${v2} (${n2} payload${n2 === 1 ? '' : 's'})`,
    paired: (n: number) => `${n} paired by participation id`,
    shapesOnly: 'no captures paired by participation id: shapes and names compared only',
    groups: {
      breaking: 'Breaking — a receiver reading these gets nothing, or a value it cannot use',
      rewrite: 'Rewrite — the value is still sent, somewhere else or in another form',
      ambiguous: 'Ambiguous — several 2.0 paths fit; settle it with --map',
      unchanged: 'Unchanged',
      added: 'New in 2.0 (informational)',
      err: 'ERR — fields your rules read that are gone or changed incompatibly',
      warn: 'WARN — fields your rules read that moved (rewrite the rule)',
      info: 'INFO — fields your rules do not read, or unchanged',
    },
    none: 'nothing',
    notes: 'Notes',
    summary: (s: {
      moved: number;
      typeChanged: number;
      removed: number;
      ambiguous: number;
      unchanged: number;
      added: number;
      breaking: number;
    }) =>
      `${s.moved} moved, ${s.typeChanged} type-changed, ${s.removed} removed, ${s.ambiguous} ambiguous, ${s.unchanged} unchanged, ${s.added} added — ${s.breaking} breaking`,
    severitySummary: (s: { ERR: number; WARN: number; INFO: number }) =>
      `with your rules: ${s.ERR} ERR, ${s.WARN} WARN, ${s.INFO} INFO`,
    failed: (level: string) => `--fail-on ${level}: met (exit 1)`,
    accessorsTip:
      'JSONPath and JavaScript accessors for every field: --format markdown (a ticket-ready report) or --format json.',
    markdown: {
      title: 'Webhook 1.0 → 2.0 payload diff',
      summary: 'Summary',
      fields: 'Fields (1.0 → 2.0)',
      added: 'New in 2.0 (informational)',
      ambiguous: 'Ambiguous (settle with --map)',
      sample: 'Before / after (one participation; personal data masked)',
      sampleUnpaired:
        'Before / after (first payload of each side — not the same participation; personal data masked)',
      omitted: (keys: readonly string[]) =>
        `… also sent, no 1.0 field leads there: ${keys.join(', ')}`,
      generated: 'Generated by `qwh diff-payload`.',
    },
    note: {
      mapNone: 'your --map says it has no 2.0 counterpart',
      mapTargetUnseen: 'the --map target was not seen in the 2.0 captures',
      ambiguous: (n: number) =>
        `${n} 2.0 paths fit equally; not guessed — add the right one to a --map file`,
      valuesDisagree: (agree: number, of: number) =>
        `the name matches but values agreed in only ${agree} of ${of} paired captures`,
      sameValueElsewhere: (paths: readonly string[]) =>
        `the same value is also at ${paths.join(', ')}`,
      dateFormat:
        'date format changes: 1.0 "YYYY-MM-DD HH:mm:ss" (UTC), 2.0 ISO-8601 with milliseconds ("…T…Z")',
      lessPresent: (present: number, of: number) =>
        `present in only ${present} of ${of} 2.0 payloads (incomplete participations send less)`,
      nullInV2: (n: number) => `null in ${n} 2.0 payload${n === 1 ? '' : 's'}`,
      choiceLabel: (path: string) => `choice field: .value is the code, ${path} the text`,
      severalResponses:
        'several responses are sent (responses[1]…): read every responses[n].value, not only the first',
      notInV1: 'not seen in the 1.0 captures (named by your --rules)',
      noCounterpart: 'no 2.0 counterpart by value, variable name or the documented table',
      ruleType: (expected: string, got: readonly string[]) =>
        `your rules expect ${expected}; 2.0 sends ${got.join(' or ')}`,
      ruleRequired: (missing: number, of: number) =>
        `required by your rules, but missing from ${missing} of ${of} 2.0 payloads`,
      ruleRequiredNull: 'required by your rules, but null in some 2.0 payloads',
    },
  },
  init: {
    intro:
      'qwh init writes the account file: how your Qualifio account uses webhook 1.0 today. Answer from the back office; press Ctrl-C to stop (nothing is written).',
    accountSection: 'Account (back office › Account settings)',
    webhookSection:
      'Webhooks 1.0 (back office › Integrations › Webhook): at most one for the account and one per website',
    rulesSection: 'Push rules (back office › Push rules), one by one as the list shows them',
    askAccountId: 'Account id',
    askAccountName: 'Account name',
    askAccountUrl: 'Account-level webhook 1.0 URL (empty if the account has none)',
    askAddWebsiteWebhook: 'Add a website-level webhook 1.0?',
    askAnotherWebsiteWebhook: 'Add another website-level webhook 1.0?',
    askWebsiteId: 'Website id',
    askWebsiteName: (id: number) => `Name of website ${id}`,
    askWebsiteUrl: (id: number) => `Webhook 1.0 URL of website ${id}`,
    askAddRule: 'Add a push rule?',
    askAnotherRule: 'Add another push rule?',
    askLevel: 'Rule level',
    askTarget: (level: string) => `${levelLabel(level)} id`,
    askTargetName: (level: string, id: number) =>
      `Name of ${levelLabel(level).toLowerCase()} ${id}`,
    askMode: 'Campaign mode',
    askDestination: 'Push destination',
    askOtherIntegration: 'Name of the other integration (as the back office names it)',
    askWrite: (file: string) => `Write ${file}?`,
    askOverwrite: (file: string) => `${file} exists. Replace it (the old one is kept as a backup)?`,
    levelChoice: (level: string) => levelLabel(level),
    levelHelp: {
      default: 'the account-wide rule (no target)',
      website: 'every campaign of one website, by campaign mode',
      masterForm: 'every campaign using one Master Form',
      campaign: 'one campaign',
    } as Record<string, string>,
    modeHelp: {
      anonymous: 'anonymous campaigns only',
      identified: 'identified campaigns only',
      both: 'anonymous and identified campaigns',
    } as Record<string, string>,
    destWebhook: (key: string, scope: string) => `webhook 1.0 "${key}" — ${scope}`,
    destOther: 'another integration (a CRM, …): left alone by qwh',
    destNone: 'none: an exclusion (stops pushes for this target)',
    noWebhook: 'at least one webhook 1.0 is needed: that is what qwh moves to 2.0',
    ruleRejected: (problem: string) => `this rule is not added: ${problem}`,
    noRules: 'no push rules: a webhook receives nothing until a push rule names it as destination',
    credentialsNotice:
      'the URL holds credentials: they are written to the file as given, and masked on screen',
    preview: (file: string) => `${file} (credentials masked):`,
    wrote: (file: string) => `Wrote ${file}.`,
    backup: (file: string) => `The previous file is kept as ${file}.`,
    next: (file: string) => `Next: qwh check ${file}, then qwh migrate ${file} --dry-run`,
    notWritten: 'Nothing written.',
    badId: (v: string) => `"${v}" is not an id: a positive whole number`,
    emptyName: 'must not be empty',
    badUrl: 'Invalid URL: give the full http(s):// address',
    badPair: (v: string) => `"${v}" must be ID=VALUE, e.g. 1234=Acme News`,
    badRuleLevel: (spec: string, levels: readonly string[]) =>
      `--rule ${spec}: the level must be one of ${levels.join(', ')}`,
    badRuleShape: (spec: string, level: string) =>
      `--rule ${spec}: a ${level} rule is ${RULE_SHAPES[level] ?? 'LEVEL:…:DESTINATION'}`,
    badRuleMode: (spec: string, modes: readonly string[]) =>
      `--rule ${spec}: the campaign mode must be one of ${modes.join(', ')}`,
    ruleHint:
      'A rule is default:DEST, website:ID:MODE:DEST, masterForm:ID:DEST or campaign:ID:DEST; DEST is a webhook key (main, website-<id>), another integration, or - for an exclusion.',
    credentialsInArgv: (flag: string) =>
      `${flag}: the URL holds credentials (user:password or a token), and arguments are visible to every process`,
    credentialsInArgvHint: (envFlag: string) =>
      `Put the URL in an environment variable and pass its name: ${envFlag} NAME.`,
    envUrlMissing: (name: string) => `environment variable ${name} is not set or empty`,
    envUrlMissingHint: (name: string) => `Export it first: export ${name}='https://…'`,
    envUrlInvalid: (name: string) =>
      `environment variable ${name} does not hold a valid http(s) URL`,
    unnamed: (kind: string, flag: string, ids: readonly number[]) =>
      `${kind} ${ids.join(', ')} ${ids.length === 1 ? 'has' : 'have'} no name: add ${ids.map((i) => `${flag} ${i}=NAME`).join(' ')}`,
    missingFlags: (flags: readonly string[]) => `--from-flags needs ${flags.join(', ')}`,
    missingFlagsHint:
      'Example: qwh init --from-flags --account-id 4321 --account-name "Acme Media" --v1-url-env ACME_V1_URL --rule default:main',
    needsFlags:
      'no terminal to ask on (or CI is set): qwh init needs --from-flags with --account-id, --account-name and a webhook 1.0 (--v1-url, --v1-url-env, --website-webhook or --website-webhook-env)',
    needsFlagsHint:
      'Example: qwh init --from-flags --account-id 4321 --account-name "Acme Media" --v1-url-env ACME_V1_URL --rule default:main  (see qwh init --help)',
    invalid: (n: number) =>
      `the answers do not make a valid account file (${n} problem${n === 1 ? '' : 's'})`,
    exists: (file: string) => `${file} already exists`,
    existsHint:
      'Pass --force to replace it (a backup of the old file is kept), or --out OTHER_FILE.',
    notRegular: (file: string) =>
      `${file} exists and is not a regular file (a symlink, folder or device)`,
    notRegularHint: 'Choose another path with --out.',
    cannotWrite: (file: string, reason: string) => `${file}: cannot write (${reason})`,
    declined: (file: string) => `${file} was not replaced`,
    badSchema: 'the schema reference must be a URL, a path, "local" or "none"',
    header: (id: number, name: string, version: string, file: string) => [
      `Qualifio account ${id} (${name}): its webhooks 1.0 and push rules; written by qwh init ${version}.`,
      `Check it: qwh check ${file} · plan the move to 2.0: qwh migrate ${file} --dry-run`,
    ],
  },
  completion: {
    unknownShell: (shell: string) => `no completion for "${shell}": choose bash, zsh or fish`,
    unknownShellHint:
      'Example: qwh completion bash > ~/.local/share/bash-completion/completions/qwh',
  },
  endpoint: {
    titles: {
      'accepts-complete': 'accepts a signed complete participation',
      'accepts-incomplete': 'accepts a signed incomplete participation',
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
      `refused a correctly signed ${what} (${status}): see why below`,
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
    acceptedWrongAuth: (name: string, status: number) =>
      `accepted a wrong ${name} value (${status})`,
    skipNoSecret:
      'no secret configured (--secret-env / --secret-file, testEndpoint.secret, or the webhook of --account)',
    skipNoAuth:
      'no auth header configured (--auth-header-name with --auth-header-env / --auth-header-file)',
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
    burstPass: (n: number) => `all ${n} deliveries answered 2xx`,
    burstFail: (bad: number, n: number, histogram: string) =>
      `${bad} of ${n} deliveries not accepted (${histogram})`,
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
    unreachable: (url: string) => `could not reach ${url}: no delivery got any answer`,
    verdictPass: 'all checks passed',
    verdictFail: (n: number) => `${n} check${n === 1 ? '' : 's'} failed`,
    verdictUnreachable: 'endpoint unreachable',
    summary: (p: number, f: number, w: number, s: number) =>
      `${p} passed, ${f} failed, ${w} warning${w === 1 ? '' : 's'}, ${s} skipped`,
    skippedNote: (n: number, why: string) => `${n} check${n === 1 ? '' : 's'} skipped: ${why}`,
    testing: (url: string) => `testing ${url}`,
    progress: (done: number, total: number) => `${done}/${total} deliveries`,
    needUrl: 'no endpoint URL given',
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
    badNumber: (flag: string, v: string, min: number, max: number) =>
      `${flag} must be a whole number from ${min} to ${max} (got "${v}")`,
    badChoice: (flag: string, v: string, choices: readonly string[]) =>
      `${flag} must be one of ${choices.join(', ')} (got "${v}")`,
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
    burstLine: (n: number, time: string, rps: number) => `${n} deliveries in ${time} (${rps}/s)`,
    credentialsInUrl:
      'the URL carries credentials: qwh sends them as Basic auth and masks them in every output',
  },
  listen: {
    ready: (url: string) => `qwh listen: ready at ${url}`,
    readyHint: 'POST deliveries here; Ctrl-C stops (exit 0).',
    noSecret: 'no secret set: signatures are NOT checked (use --secret-env or --secret-file)',
    notLoopback: (host: string) =>
      `listening on ${host}, reachable from other machines: set a secret and an auth header`,
    stopped: (received: number, accepted: number, duplicates: number, rejected: number) =>
      `stopped: ${received} received, ${accepted} accepted, ${duplicates} duplicate${duplicates === 1 ? '' : 's'}, ${rejected} rejected`,
    saved: (n: number, file: string) => `${n} deliver${n === 1 ? 'y' : 'ies'} appended to ${file}`,
    reasons: {
      accepted: 'accepted',
      duplicate: 'duplicate (already accepted; dedupe on id)',
      authMissing: (name: string) => `missing ${name} header`,
      authWrong: (name: string) => `wrong ${name} value`,
      signature: (reason: string, detail: string) => `bad signature (${reason}): ${detail}`,
      notJson: 'body is not JSON',
      notParticipation: (problem: string) => `body is not a 2.0 participation: ${problem}`,
      structure: (problem: string) => `body is not a usable payload: ${problem}`,
      notV1: 'body is not a flat 1.0 payload',
      noId: 'body has no participation id',
      tooLarge: (max: number) => `body over ${max} bytes`,
      method: 'only POST is accepted',
      aborted: 'client went away before the body ended',
    },
    index: 'qwh listen: POST webhook deliveries to this URL.\n',
    badPort: (v: string) => `--port must be a whole number from 0 to 65535 (got "${v}")`,
    cannotListen: (host: string, port: number, code: string) =>
      `cannot listen on ${host}:${port} (${code})`,
    cannotListenHint: 'Pick another --port (0 = any free port) or --host.',
    saveUnwritable: (file: string, code: string) =>
      `--save ${file}: cannot open for appending (${code})`,
  },
  migrate: {
    runbook: {
      header: (account: string) => `Back-office runbook — ${account}`,
      intro:
        'Qualifio has no API for webhooks or push rules: carry these steps out in the back office, in this order. Secrets are never written here: paste them from the files named.',
      // Menu paths themselves are in src/core/assumptions.ts (BACK_OFFICE).
      withWebsite: (path: string, scope: string) => `${path} (with ${scope} selected)`,
      addRule: (path: string, action: string) => `${path} › ${action}`,
      configureTitle: (scope: string) => `Configure Webhook 2.0 for ${scope}`,
      rulesTitle: 'Add the push rules to Webhook 2.0',
      rulesNote:
        'Keep the Webhook 1.0 rules as they are: both versions deliver side by side until 1.0 is off (receivers may see a participation twice: deduplicate on its id).',
      turnOffTitle: 'Turn Webhook 1.0 off',
      turnOffNote:
        'Only after Webhook 2.0 delivers: its push rules stay, so turning it back on is one switch.',
      keepOnTitle: 'Leave Webhook 1.0 on (for now)',
      keepOnReason: {
        'not-verified': 'keep it on: qwh has not verified its 2.0 twin yet',
        'keep-v1': 'keep it on: --keep-v1',
        'skip-verify': 'keep it on: verification was skipped (--skip-verify)',
        'enabled-in-file': 'keep it on: it is still enabled in the account file',
      },
      fields: {
        name: 'Name',
        host: 'Host',
        incomplete: 'Incomplete participations',
        authName: 'Auth header name',
        authValue: 'Auth header value',
        secret: 'Secret',
      },
      yes: 'yes',
      no: 'no',
      noSecret: '(none: requests are not signed)',
      secretLiteral: '(written in the account file; masked here)',
      secretEnv: (name: string) => `the value of environment variable ${name}`,
      secretFile: (prefix: string, file: string) =>
        `${prefix}paste the content of ${file} (beside the account file)`,
      secretCacheNote:
        'Qualifio may keep using a changed secret for up to 30 minutes: wait before judging signature failures.',
      levels: {
        default: 'default',
        website: 'website',
        masterForm: 'Master Form',
        campaign: 'campaign',
      },
      wholeAccount: 'whole account',
      campaignMode: 'campaign mode',
      destinationV2: (name: string) => `destination: Webhook 2.0 (${name})`,
      destinationKey: (key: string) => `remove (destination ${key})`,
      turnOff: 'turn off',
      turnOn: 'turn back on',
      turnOffOrRemove: 'turn off (or remove its configuration)',
      revertEnableTitle: 'Turn Webhook 1.0 back on',
      revertEnableNote: 'First, so no participation is lost while 2.0 is taken down.',
      revertRulesTitle: 'Remove the push rules the run added',
      revertV2Title: 'Turn Webhook 2.0 off',
      revertV2Note:
        'The secret files qwh wrote are left in place: a receiver may already use them.',
    },
    store: {
      lockHeld: (
        file: string,
        h: { pid: number; host: string; startedAt: string; command: string } | undefined,
      ) =>
        h
          ? `${file} is locked by "${h.command}" (pid ${h.pid} on ${h.host}, since ${h.startedAt})`
          : `${file} is locked by another qwh run`,
      lockHeldHint: (lock: string) =>
        `Wait for it to finish. If no qwh is running any more, delete ${lock} and run again.`,
      staleLock: (
        lock: string,
        h: { pid: number; host: string; startedAt: string; command: string },
      ) =>
        `taking over the lock ${lock} left by "${h.command}" (pid ${h.pid}, since ${h.startedAt}), which is no longer running`,
      symlink: (file: string) =>
        `${file} is a symbolic link; qwh replaces the file itself and will not write through a link`,
      symlinkHint: 'Run qwh on the real file the link points to.',
      notRegular: (file: string) => `${file} is not a regular file; qwh will not replace it`,
      outside: (rel: string) =>
        `${rel} is outside the account file's folder; qwh will not write it`,
      secretNotRegular: (rel: string) => `${rel} exists and is not a regular file`,
      secretMode: (rel: string, mode: number) =>
        `${rel} is readable by other users (mode ${mode.toString(8)}); run chmod 600 ${rel}`,
      journalCorrupt: (file: string, line: number, why: string) =>
        `${file}: line ${line} is ${why}; the journal cannot be trusted`,
      journalCorruptHint:
        'Look at the journal; if the last run finished, move the file aside and run again.',
      ioFailed: (what: string, code: string) =>
        `cannot write ${what}: ${IO_REASONS[code] ?? 'file-system error'} (${code})`,
      ioFailedHint:
        'qwh writes its lock, journal, backups and secret files beside the account file, and replaces the file atomically: the account file holds its old or its new bytes, never a mix. Free some space or make the folder writable, then run again.',
      folderReadOnly: (dir: string, code: string) =>
        `cannot write in ${dir}: ${IO_REASONS[code] ?? 'file-system error'} (${code}); nothing was changed`,
      testPaused: (point: string) =>
        `QWH_TEST_PAUSE_AT: paused after "${point}" (send SIGUSR2 to continue)`,
    },
    noAccountFile: (names: readonly string[]) =>
      `several account files here (${names.join(', ')}); which one?`,
    noAccountFileHint: 'Pass the account file as the argument: qwh migrate qualifio-account.yaml',
    pickAccountFile: 'Which account file?',
    unknownOnly: (keys: string, known: string) =>
      `--only ${keys}: not an enabled webhook 1.0 of the file (known: ${known || 'none'})`,
    pickWebhooks: 'Which webhooks 1.0 should move to 2.0?',
    pickNone: 'no webhook selected: nothing to do',
    askQueryToken: (keys: string) =>
      `The URL of ${keys} carries a token in its query string. Where should 2.0 send it?`,
    queryTokenKeep: 'keep it in the host (receiver unchanged)',
    queryTokenMove: 'move it to "Authorization: Bearer …" (the receiver must read it there)',
    badSecretEnv: (v: string) => `--secret-env ${v}: must be an environment variable name`,
    badTimeout: (v: string) =>
      `--verify-timeout must be a whole number of ms from 100 to 600000 (got "${v}")`,
    planAndPlanOut: '--plan and --plan-out cannot be used together',
    planFixesOptions: (flags: string) =>
      `--plan replays the options saved in the plan; drop ${flags}`,
    planUnreadable: (file: string, why: string) => `${file}: not a qwh migration plan (${why})`,
    planUnreadableHint: 'Make a plan with: qwh migrate FILE --plan-out plan.json',
    planStale: (plan: string, file: string) =>
      `${plan} was made from other bytes of ${file}: the file changed since the plan`,
    planStaleHint: 'Make a new plan (qwh migrate FILE --plan-out plan.json) and review it.',
    planMismatch: (plan: string) =>
      `${plan} does not match what this qwh plans from the same file and options (edited, or made by another qwh version)`,
    planSaved: (file: string) => `Plan saved to ${file} (no secrets in it).`,
    unfinished: (file: string, at: string) =>
      `an earlier run on ${file} (started ${at}) stopped part-way; its journal is unfinished`,
    unfinishedHint: 'Run `qwh migrate resume` to finish it (or `qwh migrate rollback` to undo it).',
    unfinishedDryRun: 'an earlier run stopped part-way: `qwh migrate resume` finishes it',
    changedSincePlan: (file: string) => `${file} changed since it was planned; nothing written`,
    changedSincePlanHint: 'Run qwh migrate again to plan from the current file.',
    resumeChanged: (file: string) =>
      `${file} is neither the bytes the stopped run started from nor the bytes it wrote: someone changed it since`,
    resumeChangedHint:
      'Undo the run with `qwh migrate rollback --force`, or drop it with `qwh migrate resume --abandon` and plan again.',
    interruptedAfter: (step: string) => `interrupted after step "${step}"; the lock is released`,
    interruptedHint: 'Run `qwh migrate resume` to finish the run (1.0 is still on where it was).',
    finishingStep:
      'interrupt received: finishing the current step, then stopping (Ctrl-C again to quit now)',
    partialHint: 'Fix the cause above, then run `qwh migrate resume` to finish the run.',
    blocked: (n: number) =>
      `the plan has ${n} blocker${n === 1 ? '' : 's'} (below); nothing written`,
    blockedHint:
      'Fix the account file, leave the webhook out with --only, or pass the flag named above.',
    confirm: (n: number, file: string) => `Apply ${n} change${n === 1 ? '' : 's'} to ${file}?`,
    declined: 'Nothing written.',
    zeroChanges: (file: string) => `0 changes: ${file} is already migrated; nothing written.`,
    wroteV2: (file: string, webhooks: number, rules: number) =>
      `${file}: wrote ${webhooks} webhook${webhooks === 1 ? '' : 's'} 2.0 and ${rules} push rule twin${rules === 1 ? '' : 's'} (1.0 still on)`,
    verifying: (key: string) => `verifying webhook 2.0 ${key} with the test-endpoint check suite`,
    verified: (key: string) => `${key}: verified`,
    notVerified: (key: string, verdict: string, failed: readonly string[], error?: string) =>
      `${key}: not verified (${verdict}${failed.length ? `: ${failed.join(', ')}` : ''}${error ? `: ${error}` : ''}); 1.0 stays on`,
    disabledV1: (keys: readonly string[]) => `turned webhook 1.0 off: ${keys.join(', ')}`,
    planTitle: (file: string, account: string) => `Migration plan for ${file} — ${account}`,
    unitTitle: (v1: string, scope: string, v2: string, mode: 'create' | 'adopt') =>
      `1.0 ${v1} (${scope}) → 2.0 ${v2}${mode === 'create' ? ' (new)' : ' (already in the file)'}`,
    authBasic: (file: string) => `Authorization: Basic •••• (from the URL credentials) → ${file}`,
    authBearer: (param: string, file: string) =>
      `Authorization: Bearer •••• (the "${param}" query token) → ${file}`,
    secretNew: (file: string) => `new, 32 random bytes (hex) → ${file} (0600)`,
    secretFromEnv: (name: string) => `from environment variable ${name}`,
    twins: (n: number, list: string) =>
      n === 0 ? 'none to add' : `${n} twin${n === 1 ? '' : 's'}: ${list}`,
    then: (verify: boolean, disable: boolean) =>
      !verify
        ? 'no verification (--skip-verify): 1.0 stays on'
        : disable
          ? 'verify, then turn 1.0 off'
          : 'verify; 1.0 stays on (--keep-v1)',
    diffTitle: (n: number) =>
      `Changes to the file (${n} edit${n === 1 ? '' : 's'}; "enabled: false" is written only after verification):`,
    needsHumanTitle: (n: number) => `Needs a human (${n}):`,
    blocker: 'blocker',
    skippedTitle: 'Left alone:',
    skippedReason: {
      disabled: 'disabled',
      'not-selected': 'not selected (--only)',
      'existing-v2-differs': 'another 2.0 webhook is at its scope (see above)',
      migrated: 'already migrated',
    },
    dryRun: 'Dry run: nothing written.',
    resultTitle: 'Result',
    unitVerified: (v2: string, n: { pass: number; warn: number; skip: number }) =>
      `${v2} verified (${[`${n.pass} passed`, n.warn ? `${n.warn} warned` : '', n.skip ? `${n.skip} skipped` : ''].filter(Boolean).join(', ')})`,
    unitVerifiedJournal: (v2: string) => `${v2} verified earlier in this run (journal)`,
    unitFailed: (v2: string, verdict: string) => `${v2} not verified (${verdict})`,
    unitSkipped: (v2: string) => `${v2} not verified (--skip-verify)`,
    v1Off: (v1: string) => `1.0 ${v1} turned off`,
    v1On: (v1: string) => `1.0 ${v1} stays on`,
    failedCheck: (id: string, reason: string) => `${id}: ${reason}`,
    backupAt: (file: string) => `Backup: ${file}`,
    secretFiles: 'Secret files (0600, never printed):',
    secretFileState: { created: 'new', kept: 'existing, kept' },
    runbookWritten: (file: string, n: number) =>
      `Back office: ${n} step${n === 1 ? '' : 's'} written to ${file}`,
    runbookHint: (n: number) =>
      `Back office: ${n} step${n === 1 ? '' : 's'} to carry out; get them with --runbook FILE (or --json).`,
    next: 'Next:',
    nextApply: (file: string) => `qwh migrate ${file} --yes     # apply, verify, then turn 1.0 off`,
    nextPlan: (file: string, plan: string) => `qwh migrate ${file} --plan ${plan} --yes`,
    nextFix: (file: string, v2: string) =>
      `fix the receiver (qwh test-endpoint --account ${file} --webhook ${v2}), then: qwh migrate ${file}`,
    nextVerifyLater: (file: string) => `qwh migrate ${file}     # verifies, then turns 1.0 off`,
    nextDone: (file: string) =>
      `carry out the back-office steps, then: qwh check ${file}   (undo: qwh migrate rollback ${file})`,
    nextResume: (file: string) => `qwh migrate resume ${file}`,
    resumeNothing: (file: string) => `${file}: no unfinished run to resume.`,
    resumeAbandoned: (run: string) =>
      `run ${run} marked abandoned; the file is left as it is (qwh migrate rollback undoes it).`,
    resumeTitle: (run: string) => `Resuming run ${run}`,
    rollbackNothing: (file: string) => `${file}: no run to roll back (the journal records none)`,
    rollbackNothingHint: 'Backups (<file>.qwh-bak-<time>) can still be copied back by hand.',
    rollbackChanged: (file: string, backup: string) =>
      `${file} changed since the run that ${backup} was taken before; rolling back would lose those changes`,
    rollbackChangedHint: 'Check the file; pass --force to restore the backup anyway.',
    backupChanged: (backup: string) => `${backup} does not have the bytes the journal recorded`,
    rollbackConfirm: (file: string, backup: string) =>
      `Restore ${file} from ${backup} (the current bytes are backed up first)?`,
    rolledBack: (file: string, backup: string) => `${file} restored byte for byte from ${backup}.`,
    rollbackSafety: (file: string) => `The bytes before the rollback are in ${file}.`,
    revertTitle: 'Revert in the back office:',
    revertNone: 'Nothing to revert in the back office (the run changed nothing there).',
    secretFilesLeft: (files: readonly string[]) =>
      `Secret files left in place: ${files.join(', ')}`,
  },
} as const;

const RULE_SHAPES: Record<string, string> = {
  default: 'default:DESTINATION',
  website: 'website:ID:MODE:DESTINATION',
  masterForm: 'masterForm:ID:DESTINATION',
  campaign: 'campaign:ID:DESTINATION',
};

function levelLabel(level: string): string {
  return level === 'masterForm'
    ? 'Master Form'
    : level === 'default'
      ? 'Default'
      : level.charAt(0).toUpperCase() + level.slice(1);
}
