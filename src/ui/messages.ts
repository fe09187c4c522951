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
} as const;
