import { bodyFileRow, jsonRow, secretFlagRows } from './shared-rows.js';
import { defineOptions } from './spec.js';

/** `qwh sign [file]`: the secret only from an environment variable or a file, never an argument. */
export const SIGN_OPTIONS = defineOptions({
  command: 'sign',
  rows: [bodyFileRow, ...secretFlagRows, jsonRow('print one JSON document on stdout')],
});
