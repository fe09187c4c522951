/**
 * Every user-facing string of qwh, in one place (DESIGN.md). Tests import these rather than
 * copying text. Plain data and functions only: no imports, so src/core may use it too.
 */
export const MESSAGES = {
  cli: {
    description:
      'Move a Qualifio account from webhook 1.0 to webhook 2.0 safely: plan, apply, verify, then turn 1.0 off.',
    bugHeader: 'qwh hit an internal error. This is a bug in qwh, not in your files.',
    bugReport:
      'Please report it with the command you ran and the trace above (secrets are masked).',
    interrupted: 'interrupted',
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
