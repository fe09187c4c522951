/** What qwh says for `config`. */
export const CONFIG_MESSAGES = {
  invalid: (n: number) => `invalid qwh config (${n} problem${n === 1 ? '' : 's'})`,
  notFoundHint:
    'Check the --config path; without --config qwh reads qwh.config.{json,yaml,yml} or .qwhrc* from this folder or above.',
  invalidHint: 'Fix the config file; the JSON Schema is schema/qwh-config.schema.json.',
  irregularHint:
    'qwh reads its config from qwh.config.{json,yaml,yml}, .qwhrc{,.json,.yaml,.yml} or package.json#qwh: move this one aside, or pass --config FILE.',
  notData: (file: string) =>
    `${file}: qwh reads config files as data only (.json, .yaml, .yml, or no extension); it never runs code`,
  notDataHint:
    'Write the config as JSON or YAML (qwh.config.yaml), then pass --config qwh.config.yaml.',
} as const;
