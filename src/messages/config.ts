/** What qwh says for `config`. */
export const CONFIG_MESSAGES = {
  invalid: (n: number) => `invalid qwh config (${n} problem${n === 1 ? '' : 's'})`,
  invalidHint: 'Fix the config file; the JSON Schema is schema/qwh-config.schema.json.',
  irregularHint:
    'qwh reads its config from qwh.config.{json,yaml,yml}, .qwhrc{,.json,.yaml,.yml} or package.json#qwh: move this one aside, or pass --config FILE.',
} as const;
