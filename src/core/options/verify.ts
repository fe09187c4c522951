import { bodyFileRow, jsonRow, previousSecretFlagRows, secretFlagRows } from './shared-rows.js';
import { defineOptions } from './spec.js';

/** `qwh verify [file] --signature <value>`: the same body and secret inputs as sign. */
export const VERIFY_OPTIONS = defineOptions({
  command: 'verify',
  rows: [
    bodyFileRow,
    ...secretFlagRows,
    ...previousSecretFlagRows,
    {
      key: 'signature',
      flags: '--signature <value>',
      description: 'the header value received, e.g. sha256=ab12…',
      value: { type: 'string' },
      required: true,
    },
    jsonRow('print one JSON document on stdout'),
  ],
});
