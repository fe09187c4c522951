import { defineOptions } from './spec.js';

/** Options every command takes (registered by src/cli/specs/common.ts `withCommon`). */
export const COMMON_OPTIONS = defineOptions({
  command: 'common',
  rows: [
    {
      key: 'color',
      flags: '--no-color',
      description: 'no colour (also: NO_COLOR=1)',
      value: { type: 'boolean' },
    },
    {
      key: 'progress',
      flags: '--no-progress',
      description: 'no spinners or progress lines',
      value: { type: 'boolean' },
    },
    {
      key: 'input',
      flags: '--no-input',
      description:
        'never prompt, even in a terminal: a missing answer is an error (also: QWH_NO_INPUT=1)',
      value: { type: 'boolean' },
    },
    {
      key: 'config',
      flags: '--config <file>',
      description: 'qwh config file (default: qwh.config.*, .qwhrc*, package.json#qwh)',
      value: { type: 'path' },
    },
  ],
});
