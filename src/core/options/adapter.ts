import { defineOptions } from './spec.js';

/** `qwh adapter test`: flags and arguments only (a run checks one adapter on one set of captures). */
export const ADAPTER_TEST_OPTIONS = defineOptions({
  command: 'adapter test',
  rows: [
    {
      key: 'adapter',
      arg: 0,
      description:
        'the adapter: a .js/.mjs, .ts/.mts, .py or .jq file from `diff-payload --emit-adapter`',
      value: { type: 'string' },
    },
    {
      key: 'v1',
      arg: 1,
      description: '1.0 captures: JSON file, folder, NDJSON file, or - (stdin)',
      value: { type: 'string' },
    },
    {
      key: 'v2',
      arg: 2,
      description: '2.0 captures of the same participations, same forms',
      value: { type: 'string' },
    },
    {
      key: 'lang',
      flags: '--lang <lang>',
      description: "the adapter's language when its file name does not say (js, ts, python, jq)",
      value: { type: 'choice', values: ['js', 'ts', 'python', 'jq'] },
    },
    {
      key: 'map',
      flags: '--map <file>',
      description: 'the --map given to diff-payload: a 1.0 key mapped to `id` pairs captures too',
      value: { type: 'path' },
    },
    {
      key: 'json',
      flags: '--json',
      description: 'print one JSON document on stdout',
      value: { type: 'boolean' },
      default: false,
    },
  ],
});
