/**
 * A count with thousands separators, as `toLocaleString('en-US')` writes an integer, without
 * the ~20 ms Intl costs on first use (the debug line of every diff-payload run builds one).
 */
export function groupedCount(n: number): string {
  return Number.isSafeInteger(n) && n >= 0
    ? String(n).replace(/\B(?=(\d{3})+$)/g, ',')
    : n.toLocaleString('en-US');
}

/** What qwh says for `diff`. */
export const DIFF_MESSAGES = {
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
  swapped:
    'the 1.0 side looks like 2.0 payloads and the 2.0 side like flat 1.0 ones: were the inputs swapped? (give the 1.0 captures first)',
  sameVersion:
    'both sides look like 2.0 payloads: comparing 2.0 with 2.0 (paths compared as they are, paired by id)',
  mapNotSeen: (fields: readonly string[]) =>
    `--map names 1.0 fields seen in no 1.0 capture: ${fields.join(', ')}`,
  rulesNotSeen: (fields: readonly string[]) =>
    `--rules names fields seen in neither capture (cannot judge them): ${fields.join(', ')}`,
  reading: (side: string, source: string) => `reading ${side} payloads from ${source}`,
  readingProgress: (side: string, source: string, n: number) =>
    `reading ${side} payloads from ${source}: ${groupedCount(n)}`,
  read: (side: string, source: string, n: number) =>
    `${side}: ${groupedCount(n)} payload${n === 1 ? '' : 's'} from ${source}`,
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
    valuesPartlyAgree: (agree: number, of: number) =>
      `values agreed in ${agree} of ${of} paired captures (most, not all): check before relying on it`,
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
} as const;
