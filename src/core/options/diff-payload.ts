import { defineOptions } from './spec.js';

/** Report formats of diff-payload: `table` is the human one (its older name, kept by config). */
export const DIFF_REPORTER_NAMES = [
  'human',
  'table',
  'json',
  'markdown',
  'junit',
  'github',
] as const;

/** `qwh diff-payload`: flag > qwh.config.* › diff > default. */
export const DIFF_PAYLOAD_OPTIONS = defineOptions({
  command: 'diff-payload',
  section: 'diff',
  rows: [
    {
      key: 'v1',
      arg: 0,
      description: '1.0 payloads: JSON file, folder of JSON files, NDJSON file, or - (stdin)',
      value: { type: 'string' },
    },
    {
      key: 'v2',
      arg: 1,
      description: '2.0 payloads, same forms (with no inputs: a demo on bundled samples)',
      value: { type: 'string' },
    },
    {
      key: 'map',
      flags: '--map <file>',
      description:
        'JSON/YAML mapping { "<1.0 field>": "<2.0 path>" | null } that overrides what is found',
      value: { type: 'path' },
      config: 'map',
    },
    {
      key: 'rules',
      flags: '--rules <file>',
      description:
        'JSON/YAML list of the 1.0 fields your receiver reads (optional type, required): grades ERR/WARN/INFO',
      value: { type: 'path' },
      config: 'rules',
    },
    {
      key: 'failOn',
      flags: '--fail-on <level>',
      description: 'exit 1 when met (default: none)',
      value: { type: 'choice', values: ['breaking', 'moved', 'any', 'none'] },
      config: 'failOn',
      default: 'none',
    },
    {
      key: 'reporter',
      flags: '--reporter <name>',
      description:
        'report format (default: human, also called table); junit: breaking fields as failures; github: annotations',
      value: { type: 'choice', values: DIFF_REPORTER_NAMES },
    },
    {
      key: 'format',
      flags: '--format <format>',
      description: 'output format (default: table); --reporter by its older name',
      value: { type: 'choice', values: ['table', 'json', 'markdown'] },
      config: 'format',
    },
    {
      key: 'json',
      flags: '--json',
      description: 'same as --reporter json: one JSON document on stdout',
      value: { type: 'boolean' },
      default: false,
    },
    {
      key: 'skipInvalid',
      flags: '--skip-invalid',
      description: 'count and skip invalid records instead of stopping at the first',
      value: { type: 'boolean' },
      default: false,
    },
    {
      key: 'emitAdapter',
      flags: '--emit-adapter <lang>',
      description:
        'generate toV1(participation2) → the flat 1.0 record, from the mapping found (and --map): js, ts, python or jq',
      value: { type: 'choice', values: ['js', 'ts', 'python', 'jq'] },
    },
    {
      key: 'out',
      flags: '--out <file>',
      description: 'write the --emit-adapter code to FILE (default: stdout, instead of the report)',
      value: { type: 'path' },
      output: true,
    },
    {
      key: 'emitSchema',
      flags: '--emit-schema <file>',
      description:
        'write a JSON Schema (2020-12) of the 2.0 payloads as observed to FILE (required = always present)',
      value: { type: 'path' },
      output: true,
    },
    {
      key: 'emitTypes',
      flags: '--emit-types <file>',
      description: 'write TypeScript types of the 2.0 payloads as observed to FILE',
      value: { type: 'path' },
      output: true,
    },
  ],
});
