import { defineOptions } from './spec.js';

/** Most samples one run prints (NDJSON, streamed). */
export const MAX_SAMPLE_COUNT = 10_000_000;

/** `qwh sample`: flags > defaults (a sample is the same bytes for the same flags, anywhere). */
export const SAMPLE_OPTIONS = defineOptions({
  command: 'sample',
  rows: [
    {
      key: 'version',
      flags: '--version <n>',
      description: 'payload version (default 2)',
      value: { type: 'version' },
      default: 2,
    },
    {
      key: 'state',
      flags: '--state <state>',
      description: 'participation state (default complete)',
      value: { type: 'choice', values: ['complete', 'incomplete'] },
      default: 'complete',
    },
    {
      key: 'seed',
      flags: '--seed <n>',
      description: 'seed: the same seed prints the same bytes (default 1)',
      value: { type: 'int', min: 0, max: 2 ** 32 - 1 },
      default: 1,
    },
    {
      key: 'count',
      flags: '--count <n>',
      description: 'number of payloads; more than 1 prints NDJSON (one per line) (default 1)',
      value: { type: 'int', min: 1, max: MAX_SAMPLE_COUNT },
      default: 1,
    },
  ],
});
